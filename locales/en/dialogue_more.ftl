# Review of issue 14 (revA): what the interplay of its points needed.

# Text typed while a rejection's preview waits for its buttons (the buttons come with it).
reject-preview-need = Choose what to do with the reason for rejecting idea #{ $number }: send it to the author, edit it or go back.
