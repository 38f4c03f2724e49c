/**
 * Action rows of a message: the select menu first, then buttons five to a row, with the custom ids
 * the adapter decodes. Pure, like the rest of the rendering.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIMessageComponentEmoji,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Reply, ReplyButton, ReplySelect } from '../../commands/types.ts';
import { DISCORD_LIMITS, truncate } from './limits.ts';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;
export type ComponentRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const BUTTON_STYLES: Record<NonNullable<ReplyButton['style']>, APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** Encodes a button or select as the custom id the adapter decodes (`parseCustomId`). */
export function encodeCustomId(b: Pick<ReplyButton, 'command' | 'action' | 'value'>): string {
  return `${b.command}:${b.action}:${b.value}`;
}

/** Decodes `${command}:${action}:${value}`; the value may itself contain colons. */
export function parseCustomId(customId: string): { command: string; action: string; value: string } {
  const first = customId.indexOf(':');
  if (first < 0) return { command: customId, action: '', value: '' };
  const second = customId.indexOf(':', first + 1);
  if (second < 0) return { command: customId.slice(0, first), action: customId.slice(first + 1), value: '' };
  return {
    command: customId.slice(0, first),
    action: customId.slice(first + 1, second),
    value: customId.slice(second + 1),
  };
}

/** The select menu (its own row, first) and the buttons, five to a row, at most five rows in all. */
export function renderActionRows(reply: Reply): ComponentRow[] {
  const rows: ComponentRow[] = [];
  const select = reply.select ? renderSelect(reply.select) : undefined;
  if (select) rows.push({ type: ComponentType.ActionRow, components: [select] });

  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const b of reply.buttons ?? []) {
    const custom_id = encodeCustomId(b);
    // A cut custom id would point at another action or id: leave such a button out instead.
    if (custom_id.length > DISCORD_LIMITS.customId) continue;
    const emoji = b.emoji ? parseEmoji(b.emoji) : undefined;
    buttons.push({
      type: ComponentType.Button,
      style: BUTTON_STYLES[b.style ?? 'secondary'],
      custom_id,
      label: truncate(b.label, DISCORD_LIMITS.buttonLabel),
      ...(emoji ? { emoji } : {}),
    });
  }
  for (
    let i = 0;
    i < buttons.length && rows.length < DISCORD_LIMITS.actionRows;
    i += DISCORD_LIMITS.buttonsPerRow
  ) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

function renderSelect(s: ReplySelect): APIStringSelectComponent | undefined {
  const custom_id = encodeCustomId(s);
  if (custom_id.length > DISCORD_LIMITS.customId) return undefined;
  const max = DISCORD_LIMITS.selectOptionText;
  const options = s.options
    // A value Discord would cut could no longer be matched: leave the option out.
    .filter((o) => o.value.length >= 1 && o.value.length <= max)
    .slice(0, DISCORD_LIMITS.selectOptions)
    .map((o) => ({
      label: truncate(o.label || o.value, max),
      value: o.value,
      ...(o.description ? { description: truncate(o.description, max) } : {}),
    }));
  if (!options.length) return undefined;
  return {
    type: ComponentType.StringSelect,
    custom_id,
    placeholder: truncate(s.placeholder, DISCORD_LIMITS.selectPlaceholder),
    min_values: 1,
    max_values: 1,
    options,
  };
}

/** A unicode emoji, or a custom one written as `<:name:id>` / `<a:name:id>`. */
function parseEmoji(emoji: string): APIMessageComponentEmoji {
  const custom = /^<(a)?:([\w~]{1,32}):(\d{15,25})>$/.exec(emoji);
  if (custom) return { name: custom[2], id: custom[3], ...(custom[1] ? { animated: true } : {}) };
  return { name: emoji };
}
