/**
 * Reasons to reject a claim, offered as one keystroke each. Typed reasons make rejections
 * countable (which rule proposes which mistake); "other" takes free text.
 */
export const REJECT_REASONS = [
  { key: "1", note: "not what the text says" },
  { key: "2", note: "wrong actor" },
  { key: "3", note: "wrong relation type" },
  { key: "4", note: "wrong object" },
  { key: "5", note: "announced or speculated, not done" },
  { key: "6", note: "reported speech taken as the source's own" },
  { key: "7", note: "duplicate of another claim" },
] as const;
