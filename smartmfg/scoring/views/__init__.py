"""The scoring pages: the expert's and the panel leader's, and the Department's."""
