"""Goal coaching: progress assessment, nudges, and the conversation/session store."""
