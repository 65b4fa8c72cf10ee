import { type Config, DEFAULT_REPORT_LINK_DAYS, DEMO_REPORT_SECRET } from '../../config.js';
import { reportLink } from '../../services/report/report-link.js';

/** The local address of a report, where `npm start` serves it on this machine. */
export function localBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/**
 * What `npm start` says under GAPDESK_DEMO: which database it serves, that no platform is on,
 * and a signed link to each team's report (the same kind `npm run demo` printed).
 */
export function demoBanner(config: Config, now: Date): string {
  const secret = config.reportSecret;
  const links = secret
    ? config.teams.map(
        (team) =>
          `  ${team.name}: ${reportLink({
            baseUrl: config.publicUrl ?? localBaseUrl(config.port),
            secret,
            teamId: team.id,
            now,
            days: config.reportLinkDays ?? DEFAULT_REPORT_LINK_DAYS,
          })}\n`,
      )
    : [];
  return [
    `gapdesk demo: serving ${config.databaseUrl} (written by npm run demo) on port ${config.port}.\n`,
    'No Slack or Teams, no jobs, no schedule: the report pages only. Stop with Ctrl-C.\n',
    'Open the report:\n',
    ...links,
  ].join('');
}

/** PORT's default: where `GAPDESK_DEMO=1 npm start` serves unless PORT says otherwise. */
const DEFAULT_PORT = 3000;

/** The link `npm run demo` prints: signed with the demo's secret, to the server on this machine. */
export function demoReportLink(teamId: string, now: Date): string {
  return reportLink({
    baseUrl: localBaseUrl(DEFAULT_PORT),
    secret: DEMO_REPORT_SECRET,
    teamId,
    now,
    days: DEFAULT_REPORT_LINK_DAYS,
  });
}
