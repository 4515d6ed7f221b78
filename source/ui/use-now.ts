// The time for ages and countdowns, ticking once per interval: the only timer-driven renders.
import {useEffect, useState} from 'react';

export function useNow(now: () => number, intervalMs = 1000): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => setTime(now()), intervalMs);
		return () => clearInterval(timer);
	}, [now, intervalMs]);
	return time;
}
