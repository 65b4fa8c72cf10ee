import type { App } from '@slack/bolt';
import { ACTION } from '../ids.js';

/**
 * The digest's "Open the report" button carries a url, so Slack opens the report itself; but it
 * still sends block_actions, and a payload nobody acknowledges leaves a warning on the button
 * (Bolt answers 404 after 3 s). Nothing else to do: the link is the whole action.
 */
export function registerOpenReportButton(app: App): void {
  app.action(ACTION.openReport, async ({ ack }) => {
    await ack();
  });
}
