// Facts about the input that a user may want to know (encoding guessed from bytes).
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA001',
  name: 'encoding-guessed',
  severity: 'info',
  tags: ['input'],
  description: {
    'zh-CN': '文件没有声明编码时，按字节内容判断编码（UTF-8、UTF-16 或 GB18030）。',
    en: 'When a file does not declare its encoding, it is detected from the bytes (UTF-8, UTF-16 or GB18030).',
  },
  messages: {
    guessed: { 'zh-CN': '文件未声明编码，按 {encoding} 读取。', en: 'The file does not declare its encoding; read as {encoding}.' },
  },
  hints: {
    guessed: { 'zh-CN': '如有乱码，请将文件另存为 UTF-8。', en: 'If text looks garbled, save the file as UTF-8.' },
  },
  check(ctx) {
    for (const n of ctx.report.notes) {
      if (n.code === 'encoding-guessed') ctx.emit({ messageId: 'guessed', data: { encoding: String(n.data.encoding) } });
    }
  },
});
