/**
 * Bolt's `InstallationStore` on top of the Postgres repository (sealed installations), and the
 * bot-token lookup the delivery uses: by workspace through the store, or the one SLACK_BOT_TOKEN
 * of a single-workspace setup. Tokens live only in memory while a request or a delivery runs.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationKeys, SlackInstallationRepository } from '../../services/slack-installations.ts';

export class InstallationNotFoundError extends Error {
  constructor() {
    super('this Slack workspace has not installed the app (or removed it)');
    this.name = 'InstallationNotFoundError';
  }
}

export function createInstallationStore(repo: SlackInstallationRepository): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      await repo.save({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        botUserId: installation.bot?.userId,
        installation,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await repo.find(query);
      // Bolt turns a throw here into an AuthorizationError, which the adapter answers clearly.
      if (!found) throw new InstallationNotFoundError();
      return found as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await repo.remove(query);
    },
  };
}

/** Finds the bot token that acts in a workspace; undefined when the workspace has none. */
export interface BotTokens {
  tokenFor(keys: InstallationKeys): Promise<string | undefined>;
}

export function singleWorkspaceTokens(token: string): BotTokens {
  return { tokenFor: async () => token };
}

export function installedTokens(store: InstallationStore): BotTokens {
  return {
    async tokenFor(keys) {
      if (!keys.teamId && !keys.enterpriseId) return undefined;
      try {
        const installation = await store.fetchInstallation({
          teamId: keys.teamId,
          enterpriseId: keys.enterpriseId,
          isEnterpriseInstall: keys.isEnterpriseInstall === true,
        });
        return installation.bot?.token;
      } catch (error) {
        if (error instanceof InstallationNotFoundError) return undefined;
        throw error;
      }
    },
  };
}
