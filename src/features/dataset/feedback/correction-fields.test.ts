import { describe, expect, it } from 'vitest';
import type { DatasetField, FieldType } from '../../../../common/ods-api/types';
import { changesOf, correctionFields, correctionPayload, inputValue } from './correction-fields';

const field = (name: string, type: FieldType, annotations: Record<string, string[]> = {}): DatasetField => ({
  name,
  label: name.toUpperCase(),
  type,
  annotations,
  description: null,
});

const FIELDS = [
  field('name', 'text'),
  field('story', 'text'),
  field('aliases', 'text', { multivalued: ['|'] }),
  field('population', 'int'),
  field('elevation', 'double'),
  field('capital', 'boolean'),
  field('founded', 'date'),
  field('updated', 'datetime'),
  field('coordinates', 'geo_point_2d'),
  field('photo', 'file'),
];

const VALUES = {
  name: 'Paris',
  story: 'x'.repeat(120),
  aliases: ['Lutetia', 'Paname'],
  population: 2138551,
  elevation: 35,
  capital: true,
  founded: '0052-01-01',
  updated: '2026-05-01T10:00:00+02:00',
  coordinates: { lat: 48.85, lon: 2.35 },
  photo: null,
};

describe('correction fields', () => {
  it('gives each type its input and pre-fills it; geo and files are read-only with a reason', () => {
    const { editable, readOnly } = correctionFields(FIELDS, VALUES);
    expect(editable.map((e) => [e.field.name, e.kind, e.initial])).toEqual([
      ['name', 'text', 'Paris'],
      ['story', 'long-text', 'x'.repeat(120)],
      ['aliases', 'list', 'Lutetia\nPaname'],
      ['population', 'integer', '2138551'],
      ['elevation', 'decimal', '35'],
      ['capital', 'boolean', 'true'],
      ['founded', 'date', '0052-01-01'],
      ['updated', 'datetime', '2026-05-01T08:00:00'],
    ]);
    expect(readOnly.map((r) => r.field.name)).toEqual(['coordinates', 'photo']);
    expect(readOnly[0]!.reason).toMatch(/position/);
  });

  it('sends only what changed, typed as its field; an emptied input clears the value', () => {
    const { editable } = correctionFields(FIELDS, VALUES);
    const changes = changesOf(editable, {
      name: 'Paris',
      aliases: 'Lutetia\n\nParname \n',
      population: '2102650',
      elevation: '',
      capital: 'false',
      updated: '2026-05-01T09:30',
    });
    expect(changes.map((c) => [c.field.name, c.before, c.after])).toEqual([
      ['aliases', 'Lutetia\nPaname', 'Lutetia\n\nParname \n'],
      ['population', '2138551', '2102650'],
      ['elevation', '35', ''],
      ['capital', 'true', 'false'],
      ['updated', '2026-05-01T08:00:00', '2026-05-01T09:30'],
    ]);
    expect(correctionPayload(changes)).toEqual({
      newValues: {
        aliases: ['Lutetia', 'Parname'],
        population: 2102650,
        elevation: null,
        capital: false,
        updated: '2026-05-01T09:30:00Z',
      },
      schema: {
        aliases: { type: 'text', label: 'ALIASES' },
        population: { type: 'int', label: 'POPULATION' },
        elevation: { type: 'double', label: 'ELEVATION' },
        capital: { type: 'boolean', label: 'CAPITAL' },
        updated: { type: 'datetime', label: 'UPDATED' },
      },
    });
  });

  it('leaves a number it cannot read as typed, for the portal to refuse at that field', () => {
    expect(inputValue('12.5', 'integer')).toBe(12.5);
    expect(inputValue('1e400', 'decimal')).toBe('1e400');
    expect(inputValue('2026-05-01T09:30:15', 'datetime')).toBe('2026-05-01T09:30:15Z');
    expect(inputValue('  ', 'text')).toBeNull();
  });
});
