import { barePage } from './layout.js';

/** The same page for a wrong, expired or other team's link, no session and an unknown team. */
export function forbiddenPage(): string {
  return barePage(
    'This report link does not open the report',
    'It may be wrong, expired or meant for another team. Open the report from the latest digest post to get a fresh link.',
  );
}
