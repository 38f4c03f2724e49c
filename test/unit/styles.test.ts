import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildPrompt,
  getStyle,
  STYLE_LABELS,
  STYLE_NAMES,
  STYLE_PRESETS,
} from '../../src/services/styles.ts';

describe('style presets', () => {
  it('have unique lowercase kebab-case names that fit a Discord choice list', () => {
    expect(STYLE_PRESETS.length).toBeGreaterThanOrEqual(8);
    expect(STYLE_PRESETS.length).toBeLessThanOrEqual(25);
    expect(new Set(STYLE_NAMES).size).toBe(STYLE_NAMES.length);
    for (const preset of STYLE_PRESETS) {
      expect(preset.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(preset.name.length).toBeLessThanOrEqual(100);
      expect(preset.label.length).toBeGreaterThan(0);
      expect(preset.label.length).toBeLessThanOrEqual(100);
      expect(preset.description.length).toBeGreaterThan(0);
      expect(preset.promptTemplate).toContain('{prompt}');
    }
  });

  it('exposes the names as a tuple that z.enum accepts', () => {
    const schema = z.enum(STYLE_NAMES);
    expect(schema.parse('watercolor')).toBe('watercolor');
    expect(schema.safeParse('not-a-style').success).toBe(false);
    expect(STYLE_LABELS['pixel-art']).toBe('Pixel art');
  });

  it('finds a preset by name and nothing for an unknown name', () => {
    expect(getStyle('noir')?.label).toBe('Film noir');
    expect(getStyle('Noir')).toBeUndefined();
  });

  it('offers a "custom" preset that is the prompt alone', () => {
    expect(getStyle('custom')?.label).toBe('Just my prompt');
    expect(buildPrompt('custom', '  a cat in a spacesuit  ')).toBe('a cat in a spacesuit');
  });
});

describe('buildPrompt', () => {
  it('puts the trimmed user text into the style template', () => {
    const prompt = buildPrompt('watercolor', '  a red bicycle \n');
    expect(prompt).toContain('watercolor painting of a red bicycle.');
    expect(prompt).not.toContain('{prompt}');
  });

  it('describes the image itself when the user gave no text', () => {
    for (const empty of [undefined, '', '   ']) {
      const prompt = buildPrompt('noir', empty);
      expect(prompt).toContain('film noir still of the scene in this image');
      expect(prompt).not.toContain('{prompt}');
    }
  });

  it('gives the custom preset a sensible instruction when there is no text at all', () => {
    expect(buildPrompt('custom')).toMatch(/^Restyle this image/);
  });

  it('keeps replacement patterns in user text literally', () => {
    expect(buildPrompt('anime', "a $& and $' sign")).toContain("anime illustration of a $& and $' sign.");
  });

  it('falls back to the user text alone for a style that no longer exists', () => {
    expect(buildPrompt('retired-style', 'a dog')).toBe('a dog');
  });
});
