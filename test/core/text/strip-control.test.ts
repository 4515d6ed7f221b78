import test from 'ava';
import {stripControlSequences} from '../../../source/core/text/strip-control.js';

const ESC = '\u001b';
const BEL = '\u0007';

const cases: Array<[name: string, input: string, shown: string]> = [
	['plain text is returned as is', 'I1122 04:00:17 listening on :8080\tready', 'I1122 04:00:17 listening on :8080\tready'],
	['non-ASCII text is kept', '镜像拉取失败 é 😀', '镜像拉取失败 é 😀'],
	['SGR colours', `${ESC}[32mINFO${ESC}[0m started ${ESC}[1;38;2;255;0;0mfatal${ESC}[m`, 'INFO started fatal'],
	['window title (OSC 0, BEL)', `${ESC}]0;you have been pwned${BEL}log line`, 'log line'],
	['window title (OSC 2, ST)', `${ESC}]2;pwned${ESC}\\log line`, 'log line'],
	['clipboard write (OSC 52)', `before${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${ESC}\\after`, 'beforeafter'],
	['clipboard write (OSC 52, BEL)', `a${ESC}]52;p;Y3VybA==${BEL}b`, 'ab'],
	['hyperlink keeps its text (OSC 8)', `${ESC}]8;;https://evil.example${ESC}\\click me${ESC}]8;;${ESC}\\`, 'click me'],
	['clear screen and home', `${ESC}[2J${ESC}[Hafter clear`, 'after clear'],
	['cursor moves', `a${ESC}[10;20Hb${ESC}[5Ac${ESC}[3Cd${ESC}[Ke`, 'abcde'],
	['private modes (alternate screen, hide cursor)', `${ESC}[?1049h${ESC}[?25lhidden?${ESC}[?25h${ESC}[?1049l`, 'hidden?'],
	['mouse tracking on', `${ESC}[?1000h${ESC}[?1006hx`, 'x'],
	['8-bit CSI (0x9b)', 'red \u009b31mtext\u009b0m', 'red text'],
	['8-bit OSC (0x9d) ended by 8-bit ST (0x9c)', 'a\u009d0;pwned\u009cb', 'ab'],
	['DCS string (sixel, DECRQSS)', `a${ESC}Pq#0;2;0;0;0~~${ESC}\\b${ESC}P$q"p${ESC}\\c`, 'abc'],
	['SOS, PM and APC strings', `a${ESC}Xsos${ESC}\\b${ESC}^pm${ESC}\\c${ESC}_apc${ESC}\\d`, 'abcd'],
	['8-bit DCS and APC', 'a\u0090dcs\u009cb\u009fapc\u009cc', 'abc'],
	['charset designation (ESC ( B) and DECALN (ESC # 8)', `${ESC}(Bok${ESC}#8`, 'ok'],
	['two-character sequences (reset, save/restore cursor, keypad)', `${ESC}ca${ESC}7b${ESC}8c${ESC}=d${ESC}>`, 'abcd'],
	['lone ESC at the end', `text${ESC}`, 'text'],
	['other C0 controls (NUL, BEL, BS, VT, FF, SO) and DEL', 'a\u0000b\u0007c\bd\u000be\ff\u000eg\u007fh', 'abcdefgh'],
	['other C1 controls (NEL, IND, CCH)', 'a\u0085b\u0084c\u0094d', 'abcd'],
	['CRLF line ends', 'one\r\ntwo\r\n', 'one\ntwo\n'],
	['progress redrawn with CR shows the last state', 'Pulling 10%\rPulling 55%\rPulling 100%', 'Pulling 100%'],
	['CR then erase line', `downloading${ESC}[K\r${ESC}[Kdone\r\n`, 'done\n'],
	['a trailing CR keeps the line', 'still here\r', 'still here'],
	['CR rewinds only its own line', 'first\nsecond\rSECOND\nthird', 'first\nSECOND\nthird'],
	['unterminated OSC ends at the line end', `ok ${ESC}]0;never ends\nnext line`, 'ok \nnext line'],
	['CAN aborts a sequence', `a${ESC}]0;x\u0018b`, 'ab'],
	['malformed CSI stops at a non-CSI byte', `a${ESC}[12é`, 'aé'],
	['CSI parameters with intermediates (DECSCUSR)', `a${ESC}[2 qb`, 'ab'],
	['escape inside an OSC starts a new sequence', `a${ESC}]0;t${ESC}[31mb`, 'ab'],
];

for (const [name, input, shown] of cases) {
	test(name, t => {
		t.is(stripControlSequences(input), shown);
	});
}

test('nothing a terminal would act on survives, whatever the input', t => {
	let seed = 1;
	const random = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed / 2_147_483_648;
	};
	const alphabet = ['\u001b', '[', ']', 'P', '\\', '\u0007', '\u009b', '\u009c', '\u009d', '\r', '\n', '\t', '?', ';', '1', 'm', 'a', '\u0000', '\u0085', 'é'];
	for (let round = 0; round < 2000; round++) {
		let input = '';
		for (let i = 0; i < 30; i++) input += alphabet[Math.floor(random() * alphabet.length)];
		const output = stripControlSequences(input);
		t.false(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(output), JSON.stringify(input));
	}
});
