import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetCell } from './share-csv.js';

describe('escapeSpreadsheetCell', () => {
  // Cells a spreadsheet would run as a formula (OWASP CSV injection) get a leading single quote.
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('prefixes %j', (cell, escaped) => {
    expect(escapeSpreadsheetCell(cell)).toBe(escaped);
  });

  it.each(['', 'Alibaba Cloud held a 35.8% market share', '35.8', '2025-01-01', ' =1', "'quoted", '阿里云 33%', 'a=b'])(
    'leaves %j as it is',
    (cell) => {
      expect(escapeSpreadsheetCell(cell)).toBe(cell);
    },
  );
});
