import type { ServiceDeps } from '../service-deps.js';

/** What the report's use cases need: the database and the teams (timezone, weights). */
export type ReportDeps = Pick<ServiceDeps, 'store' | 'teams'>;
