// Facts about the input that a user may want to know (encoding guessed from bytes).
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA001',
  name: 'encoding-guessed',
  severity: 'info',
  tags: ['input'],
  description: {
    'zh-CN': '文件没有声明编码时，按字节内容判断编码（UTF-8、UTF-16 或 GB18030）；几乎全是 UTF-8 的文件中个别无效字节按行指出。',
    en: 'When a file does not declare its encoding, it is detected from the bytes (UTF-8, UTF-16 or GB18030); the few invalid bytes of an otherwise UTF-8 file are shown by line.',
  },
  messages: {
    guessed: { 'zh-CN': '文件未声明编码，按 {encoding} 读取。', en: 'The file does not declare its encoding; read as {encoding}.' },
    invalid: {
      'zh-CN': '此行有不符合 {encoding} 编码的字节（例如一个 GBK 编码的词），已显示为 �；文件其余部分按 {encoding} 读取。',
      en: 'This line has bytes that are not valid {encoding} (such as a word in GBK), shown as �; the rest of the file is read as {encoding}.',
    },
  },
  hints: {
    guessed: { 'zh-CN': '如有乱码，请将文件另存为 UTF-8。', en: 'If text looks garbled, save the file as UTF-8.' },
    invalid: { 'zh-CN': '重新输入这一行中显示为 � 的文字，并将文件另存为 UTF-8。', en: 'Retype the text shown as � on this line and save the file as UTF-8.' },
  },
  check(ctx) {
    for (const n of ctx.report.notes) {
      if (n.code === 'encoding-guessed') ctx.emit({ messageId: 'guessed', data: { encoding: String(n.data.encoding) } });
      if (n.code === 'invalid-bytes') {
        // one finding per line holding replaced bytes (the reader lists at most 50)
        const lines = String(n.data.lines ?? '').split(',').filter(Boolean).map(Number);
        const encoding = String(n.data.encoding).toUpperCase();
        if (!lines.length) ctx.emit({ messageId: 'invalid', data: { encoding } });
        for (const line of lines) ctx.emit({ messageId: 'invalid', data: { encoding }, pos: { line } });
      }
    }
  },
});
