"""The pages of the spot checks: the Department's (``department``) and the experts' (``expert``)."""
