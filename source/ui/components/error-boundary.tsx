// A render error becomes one line, never a stack trace on the user's screen; the keyboard
// (outside this boundary) still works, so `q` quits.
import {Text} from 'ink';
import {Component, type ReactNode} from 'react';

type Props = {children: ReactNode; colour?: string; onError?: (error: Error) => void};

export class ErrorBoundary extends Component<Props, {error: Error | null}> {
	override state: {error: Error | null} = {error: null};

	static getDerivedStateFromError(error: Error) {
		return {error};
	}

	override componentDidCatch(error: Error): void {
		this.props.onError?.(error);
	}

	override render() {
		const {error} = this.state;
		if (!error) return this.props.children;
		const message = (error.message || String(error)).split('\n')[0];
		return (
			<Text wrap="truncate-end" color={this.props.colour} bold>
				{`kconsole could not draw this screen: ${message}. Press Esc to go back or q to quit.`}
			</Text>
		);
	}
}
