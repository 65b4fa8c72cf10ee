/** Block Kit limits (Slack's reference, "Blocks" and "Composition objects"). */
export const LIMIT = {
  sectionText: 3_000,
  fieldText: 2_000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  modalTitle: 24,
  modalButton: 24,
  contextText: 2_000,
  messageText: 4_000,
  buttonValue: 2_000,
  privateMetadata: 3_000,
  inputInitialValue: 3_000,
  messageBlocks: 50,
  viewBlocks: 100,
} as const;

/** Keeps a block list within a surface's count, ending with a note that there is more. */
export function capBlocks<Block>(blocks: Block[], max: number, more: (hidden: number) => Block): Block[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, more(blocks.length - kept.length)];
}
