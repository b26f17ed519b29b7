import { normaliseVin, pickVinPattern, vinCheckDigit, vinModelYear, vinPrefixProblem, vinProblem, withCheckDigit } from './vin';

describe('VIN', () => {
  it('checks length, characters and the check digit', () => {
    expect(vinProblem('1M8GDM9AXKP042788')).toBeNull();
    expect(vinProblem('11111111111111111')).toBeNull();
    expect(vinProblem('1M8GDM9A1KP042788')).toBe('check digit');
    expect(vinProblem('1M8GDM9AXKP04278')).toBe('length');
    expect(vinProblem('1M8GDM9AXKP0427888')).toBe('length');
    expect(vinProblem('1M8GDM9AXKPO42788')).toBe('characters');
    expect(vinProblem('IM8GDM9AXKP042788')).toBe('characters');
    expect(vinProblem(normaliseVin(' 1m8gdm9axkp-042788 '))).toBeNull();
    expect(vinCheckDigit('1M8GDM9A_KP042788')).toBe('X');
    const v = withCheckDigit('LVVDC11B0RD000001');
    expect(vinProblem(v)).toBeNull();
  });

  it('reads the model year from position 10', () => {
    expect(vinModelYear('LVVDC11B0RD000001', 2026)).toBe(2024);
    expect(vinModelYear('LVVDC11B0AD000001', 2026)).toBe(2010);
    expect(vinModelYear('LVVDC11B09D000001', 2026)).toBe(2009);
    expect(vinModelYear('LVVDC11B0TD000001', 2026)).toBe(2026);
    expect(vinModelYear('LVVDC11B0VD000001', 2026)).toBe(2027);
    expect(vinModelYear('LVVDC11B0WD000001', 2026)).toBe(1998);
    expect(vinModelYear('LVVDC11B00D000001', 2026)).toBeNull();
  });

  it('picks the longest matching prefix whose years hold the model year', () => {
    const ps = [
      { id: 'a', prefix: 'LVV', vehicleModelId: 'chery', yearFrom: null, yearTo: null },
      { id: 'b', prefix: 'LVVDC1', vehicleModelId: 't15', yearFrom: 2016, yearTo: null },
      { id: 'c', prefix: 'LVVDC1E', vehicleModelId: 't1e', yearFrom: 2021, yearTo: null },
      { id: 'd', prefix: 'LVVDC1E', vehicleModelId: 'old', yearFrom: 2016, yearTo: 2020 },
    ];
    expect(pickVinPattern(withCheckDigit('LVVDC1EB0RD000001'), ps, 2026)?.id).toBe('c');
    expect(pickVinPattern(withCheckDigit('LVVDC1EB0HD000001'), ps, 2026)?.id).toBe('d');
    expect(pickVinPattern(withCheckDigit('LVVDC1AB0RD000001'), ps, 2026)?.id).toBe('b');
    expect(pickVinPattern(withCheckDigit('LVVDX1AB0RD000001'), ps, 2026)?.id).toBe('a');
    expect(pickVinPattern(withCheckDigit('LSVDX1AB0RD000001'), ps, 2026)).toBeNull();
    expect(vinPrefixProblem('LV')).not.toBeNull();
    expect(vinPrefixProblem('LVVDC1EBX')).not.toBeNull();
    expect(vinPrefixProblem('LVVDO1')).not.toBeNull();
    expect(vinPrefixProblem('LVVDC1E')).toBeNull();
  });
});
