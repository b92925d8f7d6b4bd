"""Ideas: the form a resident fills in (/idea) and the public list (/ideas) with supports and reports."""
