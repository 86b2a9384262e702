"""What the analyst sees: the daily digest and the read-only web view over the warehouse."""
