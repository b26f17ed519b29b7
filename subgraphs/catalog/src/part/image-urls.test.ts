import { publicImageUrls, storedImageUrls } from './image-urls';

describe('publicImageUrls', () => {
  it.each([
    [['/images/parts/A11.svg'], 'http://127.0.0.1:4000', ['http://127.0.0.1:4000/images/parts/A11.svg']],
    [['/images/parts/A11.svg', '/images/parts/A11-2.svg'], 'https://parts.example.com/pg', ['https://parts.example.com/pg/images/parts/A11.svg', 'https://parts.example.com/pg/images/parts/A11-2.svg']],
    [['https://cdn.example.com/a.jpg'], 'http://127.0.0.1:4000', ['https://cdn.example.com/a.jpg']],
    [['//cdn.example.com/a.jpg'], 'http://127.0.0.1:4000', ['//cdn.example.com/a.jpg']],
    [[], 'http://127.0.0.1:4000', []],
  ])('%j under %s', (urls, base, out) => {
    expect(publicImageUrls(urls, base)).toEqual(out);
  });
});

describe('storedImageUrls', () => {
  it('keeps the platform\'s own addresses as paths, so that a part read and sent back stores what it had', () => {
    const base = 'http://127.0.0.1:4000';
    const stored = ['/images/parts/A11.svg', 'https://cdn.example.com/a.jpg'];
    expect(storedImageUrls(publicImageUrls(stored, base), base)).toEqual(stored);
    expect(storedImageUrls(['http://127.0.0.1:40001/images/x.svg'], base)).toEqual(['http://127.0.0.1:40001/images/x.svg']);
  });
});
