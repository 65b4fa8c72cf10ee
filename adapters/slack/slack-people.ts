import { webApi } from '@slack/bolt';
import type { PeopleDirectory, PersonProfile } from '../../src/ports.js';
import { toJobError } from './slack-errors.js';

type SlackUserInfo = NonNullable<webApi.UsersInfoResponse['user']>;

/** The name a Slack user goes by (display name, else real name, else handle), timezone and locale. */
export function profileOf(user: SlackUserInfo): PersonProfile {
  const name = user.profile?.display_name || user.real_name || user.name;
  return {
    ...(name ? { name } : {}),
    ...(user.tz ? { timezone: user.tz } : {}),
    ...(user.locale ? { locale: user.locale } : {}),
  };
}

/** users.info, for the name and timezone Slack's payloads leave out. */
export class SlackPeople implements PeopleDirectory {
  constructor(private readonly client: webApi.WebClient) {}

  async lookup(userId: string): Promise<PersonProfile | null> {
    try {
      const info = await this.client.users.info({ user: userId, include_locale: true });
      return info.user ? profileOf(info.user) : null;
    } catch (error) {
      if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'user_not_found') return null;
      throw toJobError(error);
    }
  }
}
