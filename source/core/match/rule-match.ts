/** What one rule found: the exact strings that fired it, its named groups, the container it is about. */
export type RuleMatch = {evidence: string[]; captures: Record<string, string>; container: string | null};

/** Copies the regex's named groups that took part in the match into `captures` (later wins). */
export function addGroups(regex: RegExp, text: string, captures: Record<string, string>): void {
	const groups = regex.exec(text)?.groups;
	if (!groups) return;
	for (const [name, value] of Object.entries(groups)) if (value !== undefined) captures[name] = value;
}
