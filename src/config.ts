import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { gapdeskConfigSchema, resolveTeams, type Team } from './domain/team.js';
import { AppError } from './errors.js';

const booleanText = z
  .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
type AppType = (typeof APP_TYPES)[number];
/** Azure creates no new multi-tenant bots; a bot in one organisation is the usual case. */
const DEFAULT_APP_TYPE: AppType = 'SingleTenant';

/** Comma-separated tenant ids; compared in lower case (they are GUIDs, which ignore case). */
const tenantList = z
  .string()
  .optional()
  .transform((text) => {
    const ids = (text ?? '')
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter(Boolean);
    return ids.length > 0 ? ids : undefined;
  })
  .refine((ids) => ids === undefined || ids.every((id) => /^[0-9a-z-]+$/.test(id)), {
    message: 'must be tenant ids (GUIDs) separated by commas',
  });

/** Days a done job is kept before it is deleted, unless GAPDESK_JOB_RETENTION_DAYS says otherwise. */
export const DEFAULT_JOB_RETENTION_DAYS = 14;
/** Seconds a claimed job is leased (renewed while it runs), unless GAPDESK_JOB_LEASE_SECONDS says otherwise. */
export const DEFAULT_JOB_LEASE_SECONDS = 60;
/** Seconds a SIGTERM drain may take before the process exits anyway (GAPDESK_SHUTDOWN_TIMEOUT_SECONDS). */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 25;
/** The longest wait between two attempts of a failing job, unless GAPDESK_JOB_BACKOFF_MAX_SECONDS says less. */
export const DEFAULT_JOB_BACKOFF_MAX_SECONDS = 30 * 60;
/** The shortest GAPDESK_ADMIN_TOKEN accepted: `openssl rand -hex 16` gives 32 characters. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
/** Days a report link opens the report unless GAPDESK_REPORT_LINK_DAYS says otherwise. */
export const DEFAULT_REPORT_LINK_DAYS = 30;
/** The shortest GAPDESK_REPORT_SECRET accepted, for the same reason. */
export const MIN_REPORT_SECRET_LENGTH = 32;
/** Where `npm run demo` writes (its database, its team config) unless told --out. */
export const DEFAULT_DEMO_DIR = 'demo-output';
/**
 * The demo's report secret: in the source, so anyone can sign with it. It signs links to the
 * demo's sandbox data only: GAPDESK_DEMO refuses an https GAPDESK_PUBLIC_URL and NODE_ENV=production.
 */
export const DEMO_REPORT_SECRET = 'gapdesk-demo-report-secret-public-never-for-production';

export const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number from 1 to 65535' })
    .int({ message: 'must be a port number from 1 to 65535' })
    .min(1, 'must be a port number from 1 to 65535')
    .max(65535, 'must be a port number from 1 to 65535')
    .default(3000),
  DATABASE_URL: z
    .string()
    .default('file:./data/gapdesk.db')
    .refine((url) => url.startsWith('file:') || /^postgres(ql)?:\/\//.test(url), {
      message: 'must be file:PATH (SQLite) or postgresql://… (PostgreSQL)',
    }),
  GAPDESK_CONFIG: z.string().min(1).default('./gapdesk.config.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalText.refine((token) => token === undefined || token.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((token) => token === undefined || token.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
  }),
  SLACK_API_URL: z
    .url({ message: 'must be a URL ending in /api/' })
    .default('https://slack.com/api/')
    .refine((url) => url.endsWith('/'), { message: 'must end with a slash, e.g. https://slack.com/api/' }),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  // Empty counts as unset (.env.example leaves it empty): the default, SingleTenant.
  MICROSOFT_APP_TYPE: optionalText.pipe(
    z.enum(APP_TYPES, { message: `must be one of ${APP_TYPES.join(', ')}` }).default(DEFAULT_APP_TYPE),
  ),
  TEAMS_ALLOWED_TENANTS: optionalText.pipe(tenantList),
  TEAMS_ALLOW_UNAUTHENTICATED: booleanText.default(false),
  GAPDESK_JOB_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a whole number of days, at least 1' })
    .int({ message: 'must be a whole number of days, at least 1' })
    .min(1, 'must be a whole number of days, at least 1')
    .default(DEFAULT_JOB_RETENTION_DAYS),
  // Under 5 s, a renewal delayed by a busy event loop could let a lease lapse while its job
  // runs, and another replica run it too; over an hour, a dead worker's jobs wait too long.
  GAPDESK_JOB_LEASE_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds from 5 to 3600' })
    .int({ message: 'must be a whole number of seconds from 5 to 3600' })
    .min(5, 'must be a whole number of seconds from 5 to 3600')
    .max(3600, 'must be a whole number of seconds from 5 to 3600')
    .default(DEFAULT_JOB_LEASE_SECONDS),
  GAPDESK_JOB_BACKOFF_MAX_SECONDS: z.coerce
    .number({ message: `must be a number of seconds from 1 to ${DEFAULT_JOB_BACKOFF_MAX_SECONDS}` })
    .min(1, `must be a number of seconds from 1 to ${DEFAULT_JOB_BACKOFF_MAX_SECONDS}`)
    .max(
      DEFAULT_JOB_BACKOFF_MAX_SECONDS,
      `must be a number of seconds from 1 to ${DEFAULT_JOB_BACKOFF_MAX_SECONDS}`,
    )
    .default(DEFAULT_JOB_BACKOFF_MAX_SECONDS),
  GAPDESK_SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds from 1 to 600' })
    .min(1, 'must be a number of seconds from 1 to 600')
    .max(600, 'must be a number of seconds from 1 to 600')
    .default(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS),
  // Unset: no admin access. Set, it must be a real secret: an empty or short value is refused
  // rather than read as "none", since whoever set it meant to protect something with it.
  GAPDESK_ADMIN_TOKEN: z
    .string()
    .optional()
    .refine(
      (token) =>
        token === undefined || (token.length >= MIN_ADMIN_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token)),
      {
        message: `must be at least ${MIN_ADMIN_TOKEN_LENGTH} visible characters, no spaces (e.g. openssl rand -hex 32), or unset`,
      },
    ),
  // Signs the report links in digest posts. Unset: no links, and only the admin token opens the report.
  GAPDESK_REPORT_SECRET: z
    .string()
    .optional()
    .refine(
      (secret) =>
        secret === undefined || (secret.length >= MIN_REPORT_SECRET_LENGTH && /^[\x21-\x7e]+$/.test(secret)),
      {
        message: `must be at least ${MIN_REPORT_SECRET_LENGTH} visible characters, no spaces (e.g. openssl rand -hex 32), or unset`,
      },
    ),
  GAPDESK_REPORT_LINK_DAYS: z.coerce
    .number({ message: 'must be a whole number of days from 1 to 365' })
    .int({ message: 'must be a whole number of days from 1 to 365' })
    .min(1, 'must be a whole number of days from 1 to 365')
    .max(365, 'must be a whole number of days from 1 to 365')
    .default(DEFAULT_REPORT_LINK_DAYS),
  // Serves the demo's database (1/true: ./demo-output; or the demo's --out folder).
  GAPDESK_DEMO: optionalText,
  GAPDESK_PUBLIC_URL: optionalText.refine((url) => url === undefined || /^https?:\/\/[^\s]+$/.test(url), {
    message: 'must be the public base URL of gapdesk, e.g. https://gapdesk.example.com',
  }),
});
type Env = z.infer<typeof envSchema>;

/**
 * Slack over HTTP (Slack posts to POST /slack/events, signed with the signing secret) or, with an
 * app-level token, over Socket Mode (gapdesk dials out to Slack; no inbound HTTP for Slack).
 */
export type SlackConfig = { botToken: string; apiUrl: string } & (
  | { signingSecret: string; appToken?: undefined }
  | { appToken: string; signingSecret?: undefined }
);
/**
 * Teams, with Bot Framework authentication on or (local testing only) off. `allowedTenants`
 * (lower case) are the only tenants whose activities are served; with auth off and no
 * TEAMS_ALLOWED_TENANTS, any tenant's.
 */
export type TeamsConfig =
  | { auth: 'off'; allowedTenants?: string[] }
  | {
      auth: 'on';
      appId: string;
      appType: AppType;
      appPassword?: string;
      tenantId?: string;
      allowedTenants: string[];
    };

export type Config = {
  port: number;
  databaseUrl: string;
  configPath: string;
  logLevel: Env['LOG_LEVEL'];
  /** Days a done job is kept before it is deleted (GAPDESK_JOB_RETENTION_DAYS). */
  jobRetentionDays: number;
  /** How long a claimed job is leased, in ms (GAPDESK_JOB_LEASE_SECONDS; the worker's 60 s when unset). */
  jobLeaseMs?: number;
  /** The longest wait between two attempts of a failing job, in ms (GAPDESK_JOB_BACKOFF_MAX_SECONDS). */
  jobBackoffMaxMs?: number;
  timezone: string;
  teams: Team[];
  slack?: SlackConfig;
  msteams?: TeamsConfig;
  /** gapdesk's public base URL (GAPDESK_PUBLIC_URL), e.g. for Teams to fetch the digest chart. */
  publicUrl?: string;
  /** Bearer token that unlocks /healthz?details from anywhere (GAPDESK_ADMIN_TOKEN). */
  adminToken?: string;
  /** Signs report links (GAPDESK_REPORT_SECRET); without it digests carry no report link. */
  reportSecret?: string;
  /** Days a report link stays valid (GAPDESK_REPORT_LINK_DAYS; DEFAULT_REPORT_LINK_DAYS when unset). */
  reportLinkDays?: number;
  /** How long a SIGTERM drain may take before the process exits anyway, in ms (default 25 s). */
  shutdownTimeoutMs?: number;
  /**
   * GAPDESK_DEMO: serving the database `npm run demo` wrote in `dir`, with its team config and
   * DEMO_REPORT_SECRET, and no Slack or Teams (the report pages only; no jobs run).
   */
  demo?: { dir: string };
};

/** Every problem found, each naming the key and what is wrong with it. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config_invalid', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function issuesToProblems(prefix: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${prefix}${path}: ${issue.message}`;
  });
}

type RawEnv = Record<string, string | undefined>;

/** Checks across variables, on the raw text so they are reported even when a single value is bad. */
function platformProblems(raw: RawEnv): string[] {
  const value = (key: string) => (raw[key]?.trim() ? raw[key]?.trim() : undefined);
  const env = {
    SLACK_BOT_TOKEN: value('SLACK_BOT_TOKEN'),
    SLACK_SIGNING_SECRET: value('SLACK_SIGNING_SECRET'),
    SLACK_APP_TOKEN: value('SLACK_APP_TOKEN'),
    MICROSOFT_APP_ID: value('MICROSOFT_APP_ID'),
    MICROSOFT_APP_PASSWORD: value('MICROSOFT_APP_PASSWORD'),
    MICROSOFT_APP_TENANT_ID: value('MICROSOFT_APP_TENANT_ID'),
    MICROSOFT_APP_TYPE: value('MICROSOFT_APP_TYPE'),
    TEAMS_ALLOWED_TENANTS: value('TEAMS_ALLOWED_TENANTS')?.replace(/[\s,]/g, ''),
    TEAMS_ALLOW_UNAUTHENTICATED: ['true', '1'].includes(value('TEAMS_ALLOW_UNAUTHENTICATED') ?? ''),
    NODE_ENV: value('NODE_ENV'),
  };
  const problems: string[] = [];
  if (env.SLACK_APP_TOKEN) {
    // Socket Mode: the app-level token opens the connection, the bot token still posts.
    if (!env.SLACK_BOT_TOKEN)
      problems.push(
        'SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set (Socket Mode receives with the app token and posts with the bot token)',
      );
  } else if (Boolean(env.SLACK_BOT_TOKEN) !== Boolean(env.SLACK_SIGNING_SECRET)) {
    problems.push(
      env.SLACK_BOT_TOKEN
        ? 'SLACK_SIGNING_SECRET: is required when the other Slack variable is set (Slack needs both), or set SLACK_APP_TOKEN for Socket Mode'
        : 'SLACK_BOT_TOKEN: is required when the other Slack variable is set (Slack needs both)',
    );
  }
  if (env.TEAMS_ALLOW_UNAUTHENTICATED && env.MICROSOFT_APP_ID) {
    problems.push(
      'TEAMS_ALLOW_UNAUTHENTICATED: cannot be true together with MICROSOFT_APP_ID (auth would be off)',
    );
  }
  if (env.TEAMS_ALLOW_UNAUTHENTICATED && env.NODE_ENV?.toLowerCase() === 'production') {
    problems.push(
      'TEAMS_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production (it turns Teams authentication off; for local testing only)',
    );
  }
  const type = env.MICROSOFT_APP_TYPE ?? DEFAULT_APP_TYPE;
  // A type that is not one is the schema's to name; what else is missing depends on the type meant.
  const knownType = (APP_TYPES as readonly string[]).includes(type);
  if (env.MICROSOFT_APP_ID && knownType) {
    const typeSaid = env.MICROSOFT_APP_TYPE
      ? `MICROSOFT_APP_TYPE=${type}`
      : `MICROSOFT_APP_TYPE=${type} (the default when MICROSOFT_APP_TYPE is unset)`;
    if (type !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      problems.push(`MICROSOFT_APP_PASSWORD: is required for ${typeSaid}`);
    }
    if (type !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
      problems.push(`MICROSOFT_APP_TENANT_ID: is required for ${typeSaid}`);
    }
    if (type === 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID && !env.TEAMS_ALLOWED_TENANTS) {
      problems.push(
        'TEAMS_ALLOWED_TENANTS: is required for MICROSOFT_APP_TYPE=MultiTenant without MICROSOFT_APP_TENANT_ID (the tenant ids whose Teams may use the bot)',
      );
    }
  } else if (!env.MICROSOFT_APP_ID) {
    for (const key of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const) {
      if (env[key]) problems.push(`MICROSOFT_APP_ID: is required when ${key} is set`);
    }
    if (env.TEAMS_ALLOWED_TENANTS && !env.TEAMS_ALLOW_UNAUTHENTICATED) {
      problems.push('MICROSOFT_APP_ID: is required when TEAMS_ALLOWED_TENANTS is set');
    }
  }
  return problems;
}

function readTeamConfig(
  path: string,
  readFile: (path: string) => string,
): { value?: unknown; problem?: string } {
  let text: string;
  try {
    text = readFile(path);
  } catch {
    return { problem: `GAPDESK_CONFIG: cannot read the team config file "${path}"` };
  }
  try {
    return { value: parseYaml(text) };
  } catch (error) {
    return { problem: `${path}: is not valid YAML (${(error as Error).message.split('\n')[0]})` };
  }
}

const PLATFORM_KEYS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TENANT_ID',
  'MICROSOFT_APP_TYPE',
  'TEAMS_ALLOWED_TENANTS',
  'TEAMS_ALLOW_UNAUTHENTICATED',
] as const;

/** The demo's folder named by GAPDESK_DEMO: 1 or true for the default one, 0 or false for none. */
function demoDirOf(raw: RawEnv): string | undefined {
  const value = raw.GAPDESK_DEMO?.trim();
  if (!value || ['0', 'false'].includes(value.toLowerCase())) return undefined;
  return ['1', 'true'].includes(value.toLowerCase()) ? DEFAULT_DEMO_DIR : value;
}

/**
 * GAPDESK_DEMO: the environment as the demo needs it. Its database, its team config and its own
 * report secret (so the link `npm run demo` printed opens), and no chat platform: the sandbox
 * people are nobody's workspace.
 */
function demoEnv(raw: RawEnv, dir: string): { env: RawEnv; problems: string[] } {
  const problems: string[] = [];
  if (raw.GAPDESK_PUBLIC_URL?.trim().toLowerCase().startsWith('https:')) {
    problems.push(
      'GAPDESK_DEMO: is refused with an https GAPDESK_PUBLIC_URL: the demo report secret is public and must never sign links to a real deployment',
    );
  }
  if (raw.NODE_ENV?.trim().toLowerCase() === 'production') {
    problems.push(
      'GAPDESK_DEMO: is refused when NODE_ENV=production (it serves sandbox data with a public secret)',
    );
  }
  const env: RawEnv = {
    ...raw,
    DATABASE_URL: `file:${join(dir, 'demo.db')}`,
    GAPDESK_CONFIG: join(dir, 'gapdesk.config.yaml'),
    GAPDESK_REPORT_SECRET: DEMO_REPORT_SECRET,
  };
  for (const key of PLATFORM_KEYS) delete env[key];
  return { env, problems };
}

/** Reads process.env (or the given env) and the team config file; throws ConfigError listing every problem. */
export function loadConfig(
  givenEnv: RawEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Config {
  const demoDir = demoDirOf(givenEnv);
  const demo = demoDir ? demoEnv(givenEnv, demoDir) : undefined;
  const rawEnv = demo?.env ?? givenEnv;
  const envResult = envSchema.safeParse(rawEnv);
  const problems = [
    ...(demo?.problems ?? []),
    ...(envResult.success ? [] : issuesToProblems('', envResult.error.issues)),
    ...platformProblems(rawEnv),
  ];
  const configPath = envResult.success
    ? envResult.data.GAPDESK_CONFIG
    : (rawEnv.GAPDESK_CONFIG ?? './gapdesk.config.yaml');
  const file = readTeamConfig(configPath, readFile);
  let teamConfig: z.infer<typeof gapdeskConfigSchema> | undefined;
  if (file.problem && demoDir) {
    problems.push(
      `GAPDESK_DEMO: no demo in ${demoDir} (${configPath} is missing); run \`npm run demo\` first`,
    );
  } else if (file.problem) problems.push(file.problem);
  else {
    const parsed = gapdeskConfigSchema.safeParse(file.value);
    if (parsed.success) teamConfig = parsed.data;
    else problems.push(...issuesToProblems(`${configPath}: `, parsed.error.issues));
  }
  if (problems.length > 0 || !envResult.success || !teamConfig) throw new ConfigError(problems);
  const config = toConfig(envResult.data, configPath, teamConfig);
  return demoDir ? { ...config, demo: { dir: demoDir } } : config;
}

function toConfig(env: Env, configPath: string, teamConfig: z.infer<typeof gapdeskConfigSchema>): Config {
  const config: Config = {
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    configPath,
    logLevel: env.LOG_LEVEL,
    jobRetentionDays: env.GAPDESK_JOB_RETENTION_DAYS,
    jobLeaseMs: env.GAPDESK_JOB_LEASE_SECONDS * 1000,
    jobBackoffMaxMs: Math.round(env.GAPDESK_JOB_BACKOFF_MAX_SECONDS * 1000),
    shutdownTimeoutMs: Math.round(env.GAPDESK_SHUTDOWN_TIMEOUT_SECONDS * 1000),
    reportLinkDays: env.GAPDESK_REPORT_LINK_DAYS,
    timezone: teamConfig.timezone,
    teams: resolveTeams(teamConfig),
  };
  if (env.GAPDESK_ADMIN_TOKEN) config.adminToken = env.GAPDESK_ADMIN_TOKEN;
  if (env.GAPDESK_REPORT_SECRET) config.reportSecret = env.GAPDESK_REPORT_SECRET;
  if (env.GAPDESK_PUBLIC_URL) config.publicUrl = env.GAPDESK_PUBLIC_URL.replace(/\/+$/, '');
  if (env.SLACK_BOT_TOKEN && env.SLACK_APP_TOKEN) {
    // A signing secret set as well is not needed: no request comes in over HTTP to verify.
    config.slack = {
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
    };
  } else if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET) {
    config.slack = {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
    };
  }
  // The allowlist: TEAMS_ALLOWED_TENANTS, else the bot's own tenant (platformProblems made sure
  // there is one of the two whenever auth is on).
  const allowedTenants =
    env.TEAMS_ALLOWED_TENANTS ??
    (env.MICROSOFT_APP_TENANT_ID ? [env.MICROSOFT_APP_TENANT_ID.toLowerCase()] : []);
  if (env.MICROSOFT_APP_ID) {
    config.msteams = {
      auth: 'on',
      appId: env.MICROSOFT_APP_ID,
      appType: env.MICROSOFT_APP_TYPE,
      appPassword: env.MICROSOFT_APP_PASSWORD,
      tenantId: env.MICROSOFT_APP_TENANT_ID,
      allowedTenants,
    };
  } else if (env.TEAMS_ALLOW_UNAUTHENTICATED) {
    config.msteams = {
      auth: 'off',
      ...(env.TEAMS_ALLOWED_TENANTS ? { allowedTenants: env.TEAMS_ALLOWED_TENANTS } : {}),
    };
  }
  return config;
}

/**
 * Every secret the configuration holds (tokens, secrets, the database password), for the
 * logger to keep out of every line.
 */
export function secretsOf(config: Config): string[] {
  const secrets: string[] = [];
  if (config.slack) {
    secrets.push(config.slack.botToken);
    if (config.slack.signingSecret) secrets.push(config.slack.signingSecret);
    if (config.slack.appToken) secrets.push(config.slack.appToken);
  }
  if (config.msteams?.auth === 'on' && config.msteams.appPassword) secrets.push(config.msteams.appPassword);
  if (config.adminToken) secrets.push(config.adminToken);
  if (config.reportSecret) secrets.push(config.reportSecret);
  const databasePassword = passwordOf(config.databaseUrl);
  if (databasePassword) secrets.push(databasePassword);
  return secrets;
}

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
