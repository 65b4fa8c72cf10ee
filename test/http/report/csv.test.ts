import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from '../../../src/http/report/csv.js';

describe('report CSV', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers and booleans as data, and nothing for null', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way, with CRLF rows after a BOM', () => {
    const csv = toCsv(
      ['ref', 'comment'],
      [
        ['FAC-1', 'cold, "very"\nsad'],
        ['FAC-2', 'ok'],
      ],
    );
    expect(csv).toBe(`${CSV_BOM}ref,comment\r\nFAC-1,"cold, ""very""\nsad"\r\nFAC-2,ok\r\n`);
  });
});
