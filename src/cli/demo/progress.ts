/** A one-line progress bar on a terminal; on a pipe (CI, tests), a line every tenth. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    update(done: number, total: number, label: string): void {
      const share = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(share * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${label.padEnd(40).slice(0, 40)}`,
        );
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        stream.write(`${String(lastTenth * 10).padStart(3)}% ${label}\n`);
      }
    },
    done(message: string): void {
      stream.write(stream.isTTY ? `\r${' '.repeat(80)}\r${message}\n` : `${message}\n`);
    },
  };
}
