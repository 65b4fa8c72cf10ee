import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import { overallLine } from '../../../src/domain/digest/render-common.js';
import type { DeliveryAttempt, DigestLinks, DigestPoster, MessageRefStore } from '../../../src/ports.js';
import type { BotTransport } from '../bot-transport.js';
import { deliver } from '../connector-errors.js';
import type { ConversationDirectory } from '../conversation-directory.js';
import { chartUrl } from './chart-link.js';
import { digestCard } from './digest-card.js';

export type TeamsDigestPosterDeps = {
  transport: BotTransport;
  directory: ConversationDirectory;
  messageRefs: MessageRefStore;
  /** gapdesk's public HTTPS base URL (GAPDESK_PUBLIC_URL); without it the card says where the chart is. */
  publicUrl?: string;
};

/**
 * Posts the weekly digest card as a new thread in a Teams channel. The chart is an Image by
 * URL served by gapdesk (see chart-link.ts); the PNG handed in is not sent inline because
 * Teams rejects bot messages much over 28 KB.
 */
export class TeamsDigestPoster implements DigestPoster {
  readonly platform = 'teams' as const;

  constructor(private readonly d: TeamsDigestPosterDeps) {}

  async postDigest(
    channelId: string,
    digest: DigestData,
    _chartPng: Buffer,
    _delivery: DeliveryAttempt,
    links: DigestLinks,
  ): Promise<{ messageId: string }> {
    const channel = await this.d.directory.channel(channelId);
    // Not parked: once the app is installed in the team, the retry finds the address.
    if (!channel) {
      throw new Error(
        `gapdesk has not been added to Teams yet, so it cannot post the digest in ${channelId}`,
      );
    }
    const url = this.d.publicUrl
      ? await chartUrl(this.d.messageRefs, this.d.publicUrl, digest.team.id, digest.week)
      : null;
    const card = digestCard(
      digest,
      url ? { url, altText: `Gap per dimension. ${overallLine(digest)}` } : null,
      links,
    );
    const created = await deliver('the weekly digest', () =>
      this.d.transport.createConversation(
        { ...channel },
        { channelId, message: { card, summary: `${digest.team.name}: weekly gap digest ${digest.week}` } },
      ),
    );
    return { messageId: created.activityId ?? created.conversationId };
  }
}
