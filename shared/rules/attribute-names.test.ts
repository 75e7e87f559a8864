import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES, attributeNameId, readAttribute } from './attribute-names.js';

describe('readAttribute', () => {
  it.each(ATTRIBUTE_NAMES.map((name) => [name]))('reads %s by its id', (name) => {
    const object = Object.fromEntries(ATTRIBUTE_NAMES.map((other) => [other, `value of ${other}`]));
    expect(readAttribute(object, attributeNameId(name), name)).toBe(`value of ${name}`);
  });

  it('reads any other name by key', () => {
    expect(attributeNameId('thrillers')).toBe(-1);
    expect(readAttribute({ thrillers: 3 }, -1, 'thrillers')).toBe(3);
  });

  it('lists no name that Object.prototype carries, so a listed read is always an own property', () => {
    expect(ATTRIBUTE_NAMES.filter((name) => name in Object.prototype)).toEqual([]);
  });
});
