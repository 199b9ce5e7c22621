// commander in the user's language: its error messages translated (they are English and parsed
// back from their fixed wording: tests/i18n.test.ts fails if a commander update changes one),
// and --help's titles and default/choices notes from the catalogue.
import type { CommanderError, Help, Option, Argument } from 'commander';
import type { Locale } from '../types.js';
import { format, messages } from '../i18n/index.js';

/** commander's suggestion tail: "\n(Did you mean --format?)" or "(Did you mean one of a, b?)". */
function splitSuggestion(msg: string): [string, string | null] {
  const m = /\s*\(Did you mean (?:one of )?(.+?)\?\)\s*$/.exec(msg);
  return m ? [msg.slice(0, m.index), m[1]!] : [msg, null];
}

/** A commander error as the reason of a usage error, in the locale. */
export function commanderMessage(e: CommanderError, locale: Locale): string {
  const C = messages(locale).commander;
  const [raw, suggestion] = splitSuggestion(e.message.replace(/^error: /, ''));
  const tail = suggestion ? format(C.didYouMean, { suggestion }) : '';
  let m: RegExpExecArray | null;
  switch (e.code) {
    case 'commander.unknownOption':
      if ((m = /^unknown option '(.*)'$/s.exec(raw))) return format(C.unknownOption, { option: m[1] }) + tail;
      break;
    case 'commander.unknownCommand':
      if ((m = /^unknown command '(.*)'$/s.exec(raw))) return format(C.unknownCommand, { command: m[1] }) + tail;
      break;
    case 'commander.missingArgument':
      if ((m = /^missing required argument '(.*)'$/s.exec(raw))) return m[1] === 'files' ? C.missingFiles : format(C.missingArgument, { argument: m[1] });
      break;
    case 'commander.optionMissingArgument':
      if ((m = /^option '(.*)' argument missing$/s.exec(raw))) return format(C.optionMissingArgument, { option: m[1] });
      break;
    case 'commander.invalidArgument':
      if ((m = /^option '(.*?)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s.exec(raw)))
        return format(C.invalidChoice, { option: m[1], value: m[2], choices: m[3] });
      if ((m = /^option '(.*?)' argument '(.*)' is invalid\./s.exec(raw))) return format(C.invalidArgument, { option: m[1], value: m[2] });
      break;
    case 'commander.excessArguments':
      if ((m = /^too many arguments.*?Expected (\d+) arguments? but got (\d+)\.$/s.exec(raw))) return format(C.excessArguments, { expected: m[1], got: m[2] });
      break;
    case 'commander.missingMandatoryOptionValue':
      if ((m = /^required option '(.*)' not specified$/s.exec(raw))) return format(C.missingMandatory, { option: m[1] });
      break;
    case 'commander.conflictingOption':
      return format(C.conflictingOption, { detail: raw });
  }
  return format(C.other, { detail: raw + tail });
}

/** --help in the locale: titles ("Usage:" → "用法：") and the (default/choices) notes of options and arguments. */
export function localizeHelp(locale: Locale): Partial<Help> {
  const H = messages(locale).help;
  const zh = locale === 'zh-CN';
  const extras = (description: string, choices: readonly string[] | undefined, dflt: unknown, showDefault: boolean): string => {
    const info: string[] = [];
    if (choices) info.push(format(H.choicesAre, { values: choices.join(zh ? '、' : ', ') }));
    if (dflt !== undefined && showDefault) info.push(format(H.defaultIs, { value: String(dflt) }));
    if (!info.length) return description;
    return zh ? `${description}（${info.join('；')}）` : `${description} (${info.join('; ')})`;
  };
  return {
    // CJK characters take two terminal columns: the description column lines up
    displayWidth: (s: string) => {
      let w = 0;
      for (const ch of s.replace(/\x1b\[\d*(;\d+)*m/g, '')) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
      return w;
    },
    // "lint [options] <files...>": the usage words in the locale (set on each command by the CLI)
    subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`,
    styleTitle: (title: string) => H.titles[title] ?? title,
    optionDescription: (o: Option) =>
      extras(o.description, o.argChoices, o.defaultValueDescription ?? o.defaultValue, (o.required || o.optional) && !String(o.description).includes(String(o.defaultValue))),
    argumentDescription: (a: Argument) => extras(a.description, a.argChoices, a.defaultValueDescription ?? a.defaultValue, true),
  };
}
