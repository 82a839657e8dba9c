"""Getting articles in: pasted text, uploaded files, URLs (through
`tracker.safe_http`) and the RSS/Atom source feeds we poll; HTML main-text
extraction and text decoding (Korean legacy encodings included)."""
