import type { webApi } from '@slack/bolt';
import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import { overallLine } from '../../../src/domain/digest/render-common.js';
import type { DeliveryAttempt, DigestLinks, DigestPoster, MessageRefStore } from '../../../src/ports.js';
import { SlackDeliveries } from '../deliveries.js';
import { slackCall } from '../slack-errors.js';
import { digestBlocks } from './digest-blocks.js';

/**
 * Posts the weekly digest to a Slack channel: the Block Kit message, then the chart uploaded
 * with files.uploadV2 (getUploadURLExternal → upload → completeUploadExternal) right under
 * it. Each step is recorded, so a retry after a failed upload does not repeat the message; a
 * message whose record a crash prevented is found again by its metadata, and a chart by its
 * file name, which names the team and week (SlackDeliveries).
 */
export class SlackDigestPoster implements DigestPoster {
  readonly platform = 'slack' as const;
  private readonly deliveries: SlackDeliveries;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly refs: MessageRefStore,
  ) {
    this.deliveries = new SlackDeliveries(client, refs);
  }

  async postDigest(
    channel: string,
    digest: DigestData,
    chartPng: Buffer,
    delivery: DeliveryAttempt,
    links: DigestLinks,
  ): Promise<{ messageId: string }> {
    const subjectId = `${digest.team.id}:${digest.week}:${channel}`;
    const messageKey = { purpose: 'digest_message', subjectId, platform: 'slack' as const };
    let message = await this.deliveries.posted(messageKey, { channel }, delivery, null);
    if (!message) {
      const { text, blocks } = digestBlocks(digest, links);
      const post = { text, blocks, unfurl_links: false, unfurl_media: false };
      message = await this.deliveries.post(messageKey, { channel }, post, null);
    }
    const chartKey = { purpose: 'digest_chart', subjectId, platform: 'slack' as const };
    if (!(await this.refs.find(chartKey))) {
      const filename = `gap-digest-${digest.team.id}-${digest.week}.png`;
      const fileId =
        (await this.deliveries.uploaded(message.channel, filename, delivery)) ??
        (await this.uploadChart(message.channel, filename, digest, chartPng));
      await this.refs.save({ ...chartKey, channel: message.channel, messageId: fileId });
    }
    return { messageId: message.messageId };
  }

  private async uploadChart(
    channel: string,
    filename: string,
    digest: DigestData,
    png: Buffer,
  ): Promise<string> {
    const uploaded = await slackCall(() =>
      this.client.filesUploadV2({
        channel_id: channel,
        file: png,
        filename,
        title: `${digest.team.name} ${digest.week}: gap per dimension`,
        alt_text: chartAltText(digest),
      }),
    );
    return firstFileId(uploaded) ?? 'uploaded';
  }
}

/** What a screen reader says for the chart: the overall line, and each dimension's mean. */
export function chartAltText(digest: DigestData): string {
  return `Gap per dimension for ${digest.team.name}, ${digest.week}. ${overallLine(digest)}`.slice(0, 1_000);
}

function firstFileId(result: unknown): string | undefined {
  const files = (result as { files?: { files?: { id?: string }[] }[] }).files;
  return files?.[0]?.files?.[0]?.id;
}
