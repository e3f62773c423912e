"""Abstract models the content apps build on. Having this module also makes ``core`` an app
with models, which is what Django sends post_migrate to (core.apps)."""
