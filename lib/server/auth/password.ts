import "server-only";
import { hash, verify } from "@node-rs/argon2";
import crypto from "node:crypto";

// argon2id with the library's defaults (OWASP-level memory and time cost).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password for generated accounts, shown once. */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}
