"""Word lists and cue phrases as data files, read with importlib.resources."""
