import { foldTraditional, generateMnemonic, matchPinyin, normaliseMnemonic, pinyinTerms, pinyinEntry } from './pinyin';
import { analyseQuery, makeVocabulary, pinyinVocabulary, toTsQuery } from './search-analysis';

describe('pinyin', () => {
  it('generates the mnemonic from the usual reading, keeping Latin letters and digits', () => {
    expect(generateMnemonic('机油滤清器')).toBe('JYLQQ');
    expect(generateMnemonic('ABS轮速传感器')).toBe('ABSLSCGQ');
    expect(generateMnemonic('瑞虎7 PLUS')).toBe('RH7PLUS');
    expect(generateMnemonic('機油濾清器')).toBe('JYLQQ');
    expect(generateMnemonic('银行')).toBe('YH');
    expect(generateMnemonic('行李架卡扣')).toBe('XLJKK');
    expect(normaliseMnemonic(' jl-01 ')).toBe('JL01');
  });

  it('indexes every reading of a polyphone, as initials and full pinyin, from every syllable', () => {
    const t = pinyinTerms('加长螺栓');
    for (const x of ['i:jcls', 'i:jzls', 'i:cls', 'i:zls', 'i:ls', 'p:jiachangluoshuan', 'p:jiazhangluoshuan', 'p:changluoshuan', 'p:luoshuan']) expect(t).toContain(x);
    expect(pinyinTerms('空调滤清器')).toEqual(expect.arrayContaining(['i:ktlqq', 'i:kdlqq', 'p:kongtiaolvqingqi', 'p:kongdiaolvqingqi', 'i:lqq']));
    expect(pinyinTerms('手刹拉线')).toEqual(expect.arrayContaining(['i:sclx', 'i:sslx']));
    expect(pinyinTerms('oil filter')).toEqual([]);
  });

  it('folds traditional characters to simplified and leaves simplified alone', () => {
    expect(foldTraditional('機濾')).toBe('机滤');
    expect(foldTraditional('剎車片')).toBe('刹车片');
    expect(foldTraditional('後視鏡總成')).toBe('后视镜总成');
    for (const s of ['机油滤清器', '刹车片', '空调滤清器', '转向横拉杆球头', '离合器压盘', '发动机盖', '前挡风玻璃', '喇叭']) expect(foldTraditional(s)).toBe(s);
  });

  const entries = ['机油滤清器', '燃油滤清器', '前刹车片', '后刹车片', '刹车盘', '发电机', '发动机盖', '机滤'].map(pinyinEntry);
  it('reads a word against names: initials, full pinyin, prefixes, infixes, skipped syllables', () => {
    expect(matchPinyin('jylqq', entries)[0]).toMatchObject({ fragment: '机油滤清器', whole: true });
    expect(matchPinyin('jylq', entries)[0].fragment).toBe('机油滤清');
    expect(matchPinyin('lq', entries).map((m) => m.fragment)).toEqual(['滤清']);
    expect(matchPinyin('shachepian', entries).map((m) => m.fragment)).toEqual(['刹车片']);
    expect(matchPinyin('shachep', entries).map((m) => m.fragment)).toEqual(['刹车盘', '刹车片']);
    expect(matchPinyin('jl', entries)[0].fragment).toBe('机滤');
    expect(matchPinyin('jlq', entries)[0]).toMatchObject({ fragment: '机油滤清', skips: 1 });
    expect(matchPinyin('jilvqi', entries)[0]).toMatchObject({ fragment: '机油滤清' });
    expect(matchPinyin('jilu', entries)[0].fragment).toBe('机滤');
    expect(matchPinyin('fdj', entries).map((m) => m.fragment)).toEqual(['发电机', '发动机']);
    expect(matchPinyin('xyz', entries)).toEqual([]);
  });

  const ctx = { models: [], vocabulary: makeVocabulary(['oil', 'filter']), pinyin: pinyinVocabulary(['机油滤清器', '前刹车片', '刹车盘']) };
  it('adds what the pinyin reads as to the query, and the pinyin terms to each Latin word', () => {
    const q = analyseQuery('JYLQ', ctx);
    expect(q.phrases).toContain('机油滤清');
    expect(q.mnemonic).toBe('jylq');
    expect(toTsQuery(q)).toContain("'i:jylq':*");
    expect(analyseQuery('ji lv', ctx).phrases).toEqual(expect.arrayContaining(['机滤', '机油滤清器']));
    expect(analyseQuery('sha che pian', ctx).phrases).toContain('刹车片');
    expect(analyseQuery('機濾', ctx).phrases).toEqual(expect.arrayContaining(['机滤', '机油滤清器']));
    expect(analyseQuery('oil fliter', ctx).phrases).toContain('oil filter');
  });
});
