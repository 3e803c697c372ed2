export declare const LOCAL_JWT_SECRET: string;
export declare function apiKeysFor(secret: string): { anonKey: string; serviceRoleKey: string };
