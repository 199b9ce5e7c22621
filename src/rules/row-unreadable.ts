// A reading failure is not an authoring error: a text row whose numbers the reader could not place.
import { defineRule, foundRows } from './define.js';

export default defineRule({
  id: 'GIA002',
  name: 'row-unreadable',
  severity: 'warning',
  tags: ['input', 'extraction'],
  description: {
    'zh-CN': '文本中某行的数值个数少于格式的列数、又无法按位置确定各数值属于哪一列时报告；该行数值留空，不作猜测。这是读取问题，不是报告的错误。',
    en: 'A text row has fewer numbers than the format has columns and nothing tells which column each belongs to; the row is left empty rather than guessed. A reading problem, not an error in the report.',
  },
  messages: {
    unreadable: {
      'zh-CN': '{cell}：未能把该行读成 {expected} 个单元格（原文“{raw}”，只读到 {found} 个数值，无法确定各数值属于哪一列）；该行数值留空。这是读取问题，不是报告的错误。',
      en: '{cell}: the row could not be read as {expected} cells (the text "{raw}" holds {found} numbers and nothing tells which column each belongs to); its cells are left empty. This is a reading problem, not an error in the report.',
    },
    tooMany: {
      'zh-CN': '{cell}：未能把该行读成 {expected} 个单元格（原文“{raw}”，读到 {found} 个数值，多于列数，无法确定哪些属于该行）；该行数值留空。这是读取问题，不是报告的错误。',
      en: '{cell}: the row could not be read as {expected} cells (the text "{raw}" holds {found} numbers, more than the columns, and nothing tells which are this row\'s); its cells are left empty. This is a reading problem, not an error in the report.',
    },
    disordered: {
      'zh-CN': '{cell}：该行标题在文本中，但不在表格的行序中（从 PDF 提取的文本常打乱阅读顺序），无法确定该行的数值；该行数值留空。这是读取问题，不是报告的错误。',
      en: '{cell}: the row label is in the text, but out of the table\'s row order (text extracted from a PDF often loses its reading order), so its numbers cannot be told; its cells are left empty. This is a reading problem, not an error in the report.',
    },
    lost: {
      'zh-CN': '{cell}：文本中未找到该行标题；该表的文本未能按格式的行序读出（从 PDF 提取的文本常打乱阅读顺序、截断或粘连行标题），无法判断该行是否缺少；该行数值留空。这是读取问题，不一定是报告的错误。',
      en: '{cell}: the row label was not found in the text; the table\'s text could not be read in the format\'s row order (text extracted from a PDF often loses its reading order, cuts or runs together row labels), so whether the row is missing cannot be told; its cells are left empty. This is a reading problem, not necessarily an error in the report.',
    },
    noNumbers: {
      'zh-CN': '{cell}：该行标题后没有读到数值，未能读成 {expected} 个单元格；该行数值留空。这是读取问题，不是报告的错误。',
      en: '{cell}: no numbers were read after the row label, so the row could not be read as {expected} cells; its cells are left empty. This is a reading problem, not an error in the report.',
    },
  },
  hints: {
    lost: {
      'zh-CN': '请对照原文核对该行是否存在；如有该报告的 docx 或 HTML 版本，或用 pdftotext -layout 保留版面提取的文本，请改用它检查。',
      en: 'Check in the source document that the row is there; if the report exists as docx or HTML, or as text extracted with its layout kept (pdftotext -layout), check that instead.',
    },
    disordered: {
      'zh-CN': '请对照原文核对该行；如有该报告的 docx 或 HTML 版本，或用 pdftotext -layout 保留版面提取的文本，请改用它检查。',
      en: 'Check the row in the source document; if the report exists as docx or HTML, or as text extracted with its layout kept (pdftotext -layout), check that instead.',
    },
    unreadable: {
      'zh-CN': '请对照原文核对该行；如有该报告的 docx 或 HTML 版本，请改用它检查（表格单元格可以准确读取）。',
      en: 'Check the row in the source document; if the report exists as docx or HTML, check that instead (its table cells are read exactly).',
    },
    tooMany: {
      'zh-CN': '请对照原文核对该行；如有该报告的 docx 或 HTML 版本，请改用它检查（表格单元格可以准确读取）。',
      en: 'Check the row in the source document; if the report exists as docx or HTML, check that instead (its table cells are read exactly).',
    },
    noNumbers: {
      'zh-CN': '请对照原文核对该行（空白单元格请填 0）；如有该报告的 docx 或 HTML 版本，请改用它检查。',
      en: 'Check the row in the source document (write 0 in blank cells); if the report exists as docx or HTML, check that instead.',
    },
  },
  check(ctx) {
    for (const { def, row, found: fr } of foundRows(ctx)) {
      if (fr.unread === undefined) continue;
      const expected = row.columns.length;
      const found = fr.unread === '' ? 0 : fr.unread.split(' ').length;
      const base = { table: def.key, row: row.key, pos: fr.pos, expected, actual: found };
      if (fr.disordered) ctx.emit({ ...base, messageId: fr.disordered === 'not-found' ? 'lost' : 'disordered', data: {} });
      else if (found === 0) ctx.emit({ ...base, messageId: 'noNumbers', data: { expected } });
      else ctx.emit({ ...base, messageId: found > expected ? 'tooMany' : 'unreadable', data: { expected, found, raw: fr.unread } });
    }
  },
});
