import { describe, expect, it } from 'vitest';
import { isPersonLike, namesOneOf, personName } from '../../../server/src/model/person-names.js';

describe('person names', () => {
  it('people are, with or without a title, alone or in pairs', () => {
    for (const n of ['Waltz', 'Kenneth Roth', 'Executive Director Kenneth Roth', 'Mearsheimer and Walt', 'McCabe', 'DeLange', "D'Alonzo", 'van Dijk'])
      expect(isPersonLike(n), n).toBe(true);
  });

  it('states, capitals, peoples, institutions, acronyms and systems are not', () => {
    for (const n of ['Russia', 'Iran', 'Tehran', 'Moscow', 'Western', 'Arab', 'Freedom of Peaceful Assembly and Association', 'Human Rights Watch', 'IFJ', 'NGOs', 'MIBI-TOF', 'MultiPLIER', 'RoseTTAFold', 'I', 'Activists'])
      expect(isPersonLike(n), n).toBe(false);
  });

  it('a name is said without the title before it; a work by any of its words is by that person', () => {
    expect(personName('Executive Director Kenneth Roth')).toBe('Kenneth Roth');
    expect(personName('Former President Trump')).toBe('Trump');
    expect(personName('Waltz')).toBe('Waltz');
    expect(namesOneOf('John Mearsheimer', ['mearsheimer'])).toBe(true);
    expect(namesOneOf('Waltz', ['mearsheimer'])).toBe(false);
  });
});
