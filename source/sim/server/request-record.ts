// What the simulated API received: tests read it to prove which requests (and writes) reached it.

export type RequestRecord = {
	time: string;
	method: string;
	path: string;
	query: string;
	contentType: string | null;
	userAgent: string | null;
	status: number;
};

export class RequestLog {
	private records: RequestRecord[] = [];

	constructor(private readonly limit = 20_000) {}

	add(record: RequestRecord): void {
		this.records.push(record);
		if (this.records.length > this.limit * 1.25) this.records = this.records.slice(-this.limit);
	}

	list(): RequestRecord[] {
		return [...this.records];
	}

	clear(): void {
		this.records = [];
	}
}
