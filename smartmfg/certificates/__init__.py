"""Recognition numbers and certificates (证书) of the published list, verifiable by anyone (第十条)."""
