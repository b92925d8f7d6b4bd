# Acceptance review F of issue 14: /audit details that still showed their raw keys ("answer: …", "name: …").

audit-field-answer = answer
audit-field-name = name
