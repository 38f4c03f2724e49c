/**
 * The style presets: the one place that says which styles exist and how each turns the user's text
 * into a prompt. Names are lowercase kebab-case because they become Discord choice values and Slack
 * option values; Discord allows at most 25 choices, so the list stays short.
 */

export interface StylePreset {
  /** Stable id, stored with each generation and used as the choice value. */
  name: string;
  /** Human label shown in the platform's choice list (≤ 100 chars). */
  label: string;
  /** One line shown in help texts. */
  description: string;
  /** Prompt sent to the image model; `{prompt}` is replaced by the user's text. */
  promptTemplate: string;
}

/** What `{prompt}` becomes when the user gave no text of their own. */
const DEFAULT_SUBJECT = 'the scene in this image, keeping its subjects and composition';

/** Prompt for the "custom" preset when the user gave no text (nothing else to go on). */
const DEFAULT_CUSTOM_PROMPT =
  'Restyle this image creatively while keeping its subjects and composition recognisable.';

export const STYLE_PRESETS = [
  {
    name: 'watercolor',
    label: 'Watercolor',
    description: 'Soft washes, paper texture and gentle colour bleeds.',
    promptTemplate:
      'A watercolor painting of {prompt}. Soft translucent washes, visible paper texture, gentle colour bleeds and loose brushwork.',
  },
  {
    name: 'anime',
    label: 'Anime',
    description: 'Clean line art and cel shading in a Japanese animation look.',
    promptTemplate:
      'An anime illustration of {prompt}. Clean line art, cel shading, vibrant colours and expressive eyes, in the style of a modern Japanese animated film.',
  },
  {
    name: 'oil-painting',
    label: 'Oil painting',
    description: 'Thick brush strokes and rich, classical colour.',
    promptTemplate:
      'A classical oil painting of {prompt}. Thick impasto brush strokes, rich saturated colour, canvas texture and dramatic lighting.',
  },
  {
    name: 'pixel-art',
    label: 'Pixel art',
    description: 'Retro 16-bit video game pixels.',
    promptTemplate:
      'Pixel art of {prompt}, in the style of a 16-bit video game. Crisp square pixels, limited palette, no anti-aliasing.',
  },
  {
    name: 'sketch',
    label: 'Pencil sketch',
    description: 'Graphite on paper, hatching and shading.',
    promptTemplate:
      'A detailed pencil sketch of {prompt}. Graphite on textured paper, cross-hatching, soft shading, monochrome.',
  },
  {
    name: 'cyberpunk',
    label: 'Cyberpunk',
    description: 'Neon lights, rain and a futuristic city mood.',
    promptTemplate:
      'A cyberpunk rendition of {prompt}. Neon magenta and cyan lighting, rain-slick reflections, futuristic city atmosphere, high contrast.',
  },
  {
    name: 'noir',
    label: 'Film noir',
    description: 'Black and white, hard shadows, 1940s cinema.',
    promptTemplate:
      'A black-and-white film noir still of {prompt}. Hard low-key lighting, deep shadows, venetian-blind light patterns, 1940s cinema grain.',
  },
  {
    name: 'pop-art',
    label: 'Pop art',
    description: 'Bold flat colours and halftone dots.',
    promptTemplate:
      'A pop art print of {prompt}. Bold flat primary colours, thick black outlines, Ben-Day halftone dots, 1960s comic style.',
  },
  {
    name: 'custom',
    label: 'Just my prompt',
    description: 'No preset: your prompt alone decides the style.',
    promptTemplate: '{prompt}',
  },
] as const satisfies readonly StylePreset[];

export type StyleName = (typeof STYLE_PRESETS)[number]['name'];

/** Preset names as a non-empty tuple, ready for `z.enum(STYLE_NAMES)`. */
export const STYLE_NAMES = STYLE_PRESETS.map((s) => s.name) as unknown as readonly [
  StyleName,
  ...StyleName[],
];

/** Human labels keyed by name, the shape `choiceOption` wants. */
export const STYLE_LABELS = Object.fromEntries(STYLE_PRESETS.map((s) => [s.name, s.label])) as Record<
  StyleName,
  string
>;

export function getStyle(name: string): StylePreset | undefined {
  return STYLE_PRESETS.find((s) => s.name === name);
}

/**
 * The prompt sent to the image model for a style and the user's own text (trimmed). Without user
 * text a preset describes "the scene in this image"; an unknown style name (a preset removed since
 * the job was queued) falls back to the user's text alone rather than failing the job.
 */
export function buildPrompt(style: string, userPrompt?: string): string {
  const text = userPrompt?.trim() ?? '';
  const preset = getStyle(style) ?? getStyle('custom')!;
  if (preset.promptTemplate === '{prompt}') return text || DEFAULT_CUSTOM_PROMPT;
  // A function replacer, so `$&`-style sequences in user text are not treated as patterns.
  return preset.promptTemplate.replaceAll('{prompt}', () => text || DEFAULT_SUBJECT);
}
