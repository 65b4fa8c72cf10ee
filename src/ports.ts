import type { Platform, RequestEvent, RequestView } from './domain/request.js';
import type { NotifyOn } from './domain/requester-updates.js';
import type { ImportancePollView, LeadAlertTrigger, SurveyView } from './domain/survey-view.js';
import type { Logger } from './logger.js';
import type { ServiceDeps } from './services/service-deps.js';

/**
 * Which run of its job a delivery is. A first run cannot have posted anything yet; a later one
 * may have: the process died after the platform accepted the message and before its reference
 * was recorded. A notifier that can read back what it posted looks for its earlier post then,
 * among what was posted since the job was queued, before posting again.
 */
export type DeliveryAttempt = { attempt: number; queuedAt: Date };

/** An SLA alert due on a request's triage card: 80 % of a target used, or the target missed. */
export type SlaAlert = { clock: 'acknowledge' | 'resolve'; phase: 'warning' | 'breach'; dueAt: Date };

/**
 * What the job queue needs from a chat platform to deliver what services decided to say.
 * One per platform (adapters/slack, adapters/teams). Every method is called from a job, so it
 * may run again after a crash: implementations record what they posted (MessageRefs) and skip
 * what is already there, and on a retry (`DeliveryAttempt`) look for a post made but not recorded
 * where the platform lets them read it back. Throw RetryLaterError for rate limits, PermanentJobError when no
 * retry can help; anything else is retried with backoff.
 */
export interface Notifier {
  readonly platform: Platform;
  /** Direct message to the requester about one event (filed, taken, deferred, resolved…). */
  /** `notifyOn`: the requester's choice, so the message can offer the other one. */
  notifyRequester(
    view: RequestView,
    event: RequestEvent,
    delivery: DeliveryAttempt,
    notifyOn: NotifyOn,
  ): Promise<void>;
  /** Posts the triage card if it does not exist yet, else updates it in place; then adds the
   * event's line to the card's thread (skipped for 'filed'). */
  syncTriageCard(view: RequestView, event: RequestEvent, delivery: DeliveryAttempt): Promise<void>;
  /** A reply in the card's thread mentioning the assignee, or the team leads when unassigned. */
  postSlaAlert(view: RequestView, alert: SlaAlert, delivery: DeliveryAttempt): Promise<void>;
}

/**
 * What the survey jobs need from a chat platform. Like Notifier, every method runs inside a
 * job and may run again: implementations record their messages (MessageRefs) and update in
 * place rather than post twice, and on a retry look for a post made but not recorded, as
 * Notifier does.
 */
export interface SurveyNotifier {
  readonly platform: Platform;
  /** The survey question to the requester (Slack DM / Teams 1:1 card) with five scale buttons and "Not fixed". */
  sendSurvey(view: SurveyView, delivery: DeliveryAttempt): Promise<void>;
  /** Redraws the survey message (and its reminder) in place for `view.state`: after an answer, a shortfall, a comment, Not fixed, or expiry. */
  updateSurvey(view: SurveyView): Promise<void>;
  /** The one reminder for an unanswered survey. */
  sendReminder(view: SurveyView, delivery: DeliveryAttempt): Promise<void>;
  /** A short alert for the team leads in the triage card's thread; posted once per survey, then updated in place as detail arrives. */
  alertLeads(view: SurveyView, trigger: LeadAlertTrigger, delivery: DeliveryAttempt): Promise<void>;
  /** The one-tap importance poll to a requester or a lead. */
  sendImportancePoll(view: ImportancePollView, delivery: DeliveryAttempt): Promise<void>;
  /** Redraws a poll in place after a vote (the thank-you). */
  updateImportancePoll(view: ImportancePollView): Promise<void>;
}

export type MessageRefKey = { purpose: string; subjectId: string; platform: Platform };
export type StoredMessageRef = MessageRefKey & { channel: string; messageId: string };

/** Where the bot's messages live, so they can be updated in place and not posted twice. */
export interface MessageRefStore {
  find(key: MessageRefKey): Promise<StoredMessageRef | null>;
  save(ref: StoredMessageRef & { requestId?: string | null }): Promise<void>;
}

/** How a person presents themselves on their platform, as far as it says. */
export type PersonProfile = { name?: string; timezone?: string; locale?: string };

/**
 * Looks people up on their platform, for what its payloads leave out (Slack sends a handle and
 * no timezone: surveys must reach people in their own working hours; Teams names only the
 * sender, so colleagues listed in the config are nameless until they act). Runs inside a job.
 */
export interface PeopleDirectory {
  /** Null when the platform does not know the user (deleted, or from another workspace). */
  lookup(userId: string): Promise<PersonProfile | null>;
}

/** Where the bot can reach a user or channel later (Teams conversation references). */
export interface ConversationRefStore {
  find(platform: Platform, key: string): Promise<unknown | null>;
  save(platform: Platform, key: string, reference: unknown): Promise<void>;
}

/**
 * A chat platform plugged into gapdesk: its HTTP endpoint, the notifier the job queue
 * delivers through, and any jobs of its own. Slack and Teams each provide one; a future
 * Microsoft 365 Agents SDK adapter would too.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly notifier: Notifier;
  /** Delivers micro-surveys and importance polls; absent until the platform supports them. */
  readonly surveyNotifier?: SurveyNotifier;
  /** Adds the platform's routes (e.g. POST /slack/events) to the shared HTTP server. */
  mount(http: HttpRoutes): void;
  /**
   * Connects to the platform, for adapters that dial out instead of being called (Slack in Socket
   * Mode); called when the app starts serving, not by commands that only post (a connection
   * there would take a share of the events the server should get).
   */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /**
   * Resolves once every request received so far has been handled, for SDKs that answer the
   * platform before they run the handlers.
   */
  settled?(): Promise<void>;
  /** Posts the weekly gap digest; absent until the platform supports it. */
  readonly digestPoster?: DigestPoster;
  /**
   * Profiles the platform's payloads leave out: Slack's real names and timezones; in Teams, the
   * names of configured team members who have not talked to the bot yet.
   */
  readonly people?: PeopleDirectory;
}

/** The slice of an Express app adapters mount routes on. */
export type HttpRoutes = import('express').Express;

/**
 * Posts the weekly gap digest (one data object, rendered by the adapter's pure builder) with
 * its chart to one channel. Called from a job that records the returned message id and skips
 * channels already posted, so an implementation only has to post; throw RetryLaterError on
 * rate limits and PermanentJobError when the channel cannot be reached.
 */
export interface DigestPoster {
  readonly platform: Platform;
  postDigest(
    channel: string,
    digest: import('./domain/digest/digest-schema.js').DigestData,
    chartPng: Buffer,
    delivery: DeliveryAttempt,
    links: DigestLinks,
  ): Promise<{ messageId: string }>;
}

/**
 * Links a digest post carries beside its figures, made by the job that posts it (never saved
 * in DigestData: a link is signed at posting time and expires).
 */
export type DigestLinks = {
  /** The signed "Open the report" link; null when GAPDESK_PUBLIC_URL or GAPDESK_REPORT_SECRET is unset. */
  reportUrl: string | null;
};

/** What an adapter factory receives from the composition root: the services and the stores it may use. */
export type AdapterContext = {
  deps: ServiceDeps;
  messageRefs: MessageRefStore;
  conversationRefs: ConversationRefStore;
  logger: Logger;
  /** gapdesk's public base URL, when configured (GAPDESK_PUBLIC_URL). */
  publicUrl?: string;
};
