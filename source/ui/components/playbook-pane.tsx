// The guided fix inside the console: the same guide, executor and policy as `kconsole guide`.
// It re-renders on guide changes only (batched), never on log or event floods.
import {Box, Text} from 'ink';
import {useMemo, useSyncExternalStore} from 'react';
import {fillText} from '../../core/command/placeholders.js';
import {currentStep} from '../../core/guide/guide-selectors.js';
import type {GuideState} from '../../core/guide/guide-state.js';
import {subjectLabel} from '../../core/match/subject-label.js';
import {oneLine} from '../../core/text/one-line.js';
import type {GuideHandle} from '../console-session.js';
import {currentView} from '../console-state.js';
import {commandLines, outcomeLine, outputLines, shownStep, stepLines, type Line} from '../guide-lines.js';
import {keyLabel} from '../key-names.js';
import {liveBindings} from '../keymap.js';
import type {Theme} from '../theme.js';
import {firstParagraph, wrapWords} from '../wrap-words.js';
import {PaneFrame} from './pane-frame.js';
import type {PaneProps} from './pane-props.js';

const noSubscription = () => () => {};

/** At most one render per interval however fast a step prints. */
function batched(guide: GuideHandle | undefined, intervalMs = 50) {
	if (!guide) return noSubscription;
	return (listener: () => void) => {
		let timer: NodeJS.Timeout | undefined;
		const unsubscribe = guide.subscribe(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				listener();
			}, intervalMs);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	};
}

export function PlaybookPane({width, height, focused, state, controller, theme, now}: PaneProps) {
	const view = currentView(state);
	const guide = view.type === 'playbook' ? controller.guide(view.findingKey) : undefined;
	const subscribe = useMemo(() => batched(guide), [guide]);
	const run = useSyncExternalStore(subscribe, () => guide?.getState());
	if (!run) {
		return (
			<PaneFrame title="Playbook" width={width} height={height} focused={focused} theme={theme}>
				<Text color={theme.muted}>  that finding is gone: press Esc to go back</Text>
			</PaneFrame>
		);
	}
	const lines = paneLines(run, controller.flags(), {theme, now, rows: height - 1, width, scroll: state.scroll.playbook});
	const finding = run.finding;
	const variant = run.variant ? ` · ${run.variant.id}` : '';
	const status = oneLine(`${subjectLabel(finding)}${variant}${run.mode === 'read-only' ? ' · READ-ONLY' : ''}`);
	return (
		<PaneFrame title={oneLine(`Playbook: ${run.playbook.title}`)} status={status} width={width} height={height} focused={focused} theme={theme}>
			<Box flexDirection="column" height={height - 1} overflow="hidden">
				{lines.map((line, index) => (
					<Text key={index} wrap="truncate-end">
						{line.length === 0 ? ' ' : line.map((span, spanIndex) => (
							<Text key={spanIndex} color={span.color} bold={span.bold} dimColor={span.dim} inverse={span.inverse}>
								{span.text}
							</Text>
						))}
					</Text>
				))}
			</Box>
		</PaneFrame>
	);
}

type LineOptions = {theme: Theme; now: number; rows: number; width: number; scroll: number};

/** Everything the pane shows, fitted to its rows: output gives way first, then prose. */
export function paneLines(run: GuideState, flags: ReturnType<PaneProps['controller']['flags']>, {theme, now, rows, width, scroll}: LineOptions): Line[] {
	const step = currentStep(run);
	// Filled with the run's values, as line mode prints it: `The user {{user}}` would mean nothing.
	const prose = (markdown: string, count: number) => wrapWords(firstParagraph(fillText(markdown, run.values)), width - 2, count, theme.symbols.ellipsis);
	const explanation = prose(run.variant?.explanation || run.playbook.explanation, 2).map((text): Line => [{text: ` ${text}`, color: theme.muted}]);
	const summary: Line = [{text: ` ${oneLine(run.finding.summary)}`, bold: true}];
	const bottom: Line[] = [];
	const outcome = outcomeLine(run, theme, now);
	if (outcome) bottom.push(outcome);
	bottom.push(promptLine(run, flags, theme));
	const stepsRoom = Math.min(run.steps.length, Math.max(3, Math.floor(rows * 0.3)));
	const top: Line[] = [summary, ...explanation, [], ...stepLines(run, theme, now, stepsRoom), []];
	const detail: Line[] = [];
	if (step) {
		detail.push([{text: ` Step ${step.index + 1} of ${run.steps.length}: ${oneLine(step.step.title)}`, bold: true, color: theme.accent}]);
		detail.push(...prose(step.step.prose, 2).map((text): Line => [{text: ` ${text}`}]));
		if (step.question && step.status === 'awaiting-input') {
			detail.push([{text: ` ${oneLine(step.question.prompt)}${step.question.default ? ` [${oneLine(step.question.default)}]` : ''}`, color: theme.warning, bold: true}]);
		}
		detail.push(...commandLines(run, step, theme, width));
	}
	const shown = shownStep(run);
	const output = outputLines(shown, theme);
	// Whose output this is stays on screen while the lines scroll under it.
	const heading: Line[] = shown && shown.index !== run.current ? [[{text: ` Output of step ${shown.index + 1}:`, color: theme.muted}]] : [];
	const room = rows - top.length - detail.length - bottom.length - heading.length;
	let shownOutput: Line[] = [];
	if (room > 0 && output.length > 0) {
		const end = Math.max(Math.min(room, output.length), output.length - scroll);
		shownOutput = [...heading, ...output.slice(Math.max(0, end - room), end)];
	}
	const lines = [...top, ...detail, ...shownOutput];
	// Too little room: keep the decision and the keys, drop the explanation first.
	const fitted = lines.length + bottom.length > rows ? [...lines.filter(line => !explanation.includes(line))].slice(0, Math.max(0, rows - bottom.length)) : lines;
	const padding = Math.max(0, rows - fitted.length - bottom.length);
	return [...fitted, ...Array.from({length: padding}, (): Line => []), ...bottom];
}

/** The keys that answer the guide now, from the keymap. */
function promptLine(run: GuideState, flags: ReturnType<PaneProps['controller']['flags']>, theme: Theme): Line {
	const bindings = liveBindings({mode: 'normal', pane: 'playbook', flags}).filter(binding => binding.scope === 'playbook');
	const step = currentStep(run);
	const question = run.status !== 'running' ? 'Done.' : step?.status === 'running' ? 'Running…' : step?.status === 'awaiting-input' ? 'Needs a value:' : step?.step.action ? 'Run it?' : 'Done it?';
	const spans: Line = [{text: ` ${question} `, bold: true, color: theme.accent}];
	for (const binding of bindings) spans.push({text: ` ${binding.keys.map(keyLabel).join('/')}`, bold: true}, {text: ` ${binding.label}`, color: theme.muted});
	spans.push({text: '  Esc', bold: true}, {text: ' back', color: theme.muted});
	return spans;
}
