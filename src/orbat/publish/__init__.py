"""Publishing: read-only products of the store (exports, profiles, graphs, maps)."""
