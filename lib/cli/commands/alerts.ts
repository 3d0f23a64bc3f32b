import type { Command } from "commander";
import { ALERT_RULE_CHOICES, WEBHOOK_FORMATS } from "../../core/alerts/alert-rule";
import { addAlertRule } from "../../server/alerts/add-alert-rule";
import { alertRuleInputSchema } from "../../server/alerts/alert-rule-input";
import { listAlertRules } from "../../server/alerts/list-alert-rules";
import { removeAlertRule } from "../../server/alerts/remove-alert-rule";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";
import { Option } from "commander";

/** `alerts add --webhook URL [--rule …] [--format …] | add --in-app | list | remove <id>`. */
export function registerAlertCommands(program: Command): void {
  const alerts = program.command("alerts").description("alert rules: who is told when an aircraft of interest goes dark, is seen, detours …");

  alerts
    .command("add")
    .description("add an alert rule: a webhook (generic JSON, Slack, Discord, Mattermost) or in-app notifications")
    .option("--webhook <url>", "POST alerts to this URL")
    .option("--in-app", "in-app notifications (the Alerts page)")
    .addOption(new Option("--rule <rule>", "which alerts").choices([...ALERT_RULE_CHOICES]).default("all"))
    .addOption(new Option("--format <format>", "payload shape (default: guessed from the URL, else json)").choices([...WEBHOOK_FORMATS]))
    .action(async (options: { webhook?: string; inApp?: boolean; rule: string; format?: string }) => {
      if (!options.webhook === !options.inApp) throw new UsageError("give either --webhook URL or --in-app");
      const raw = { rule: options.rule, channel: options.webhook ? "webhook" : "in-app", webhookUrl: options.webhook, webhookFormat: options.format };
      const parsed = alertRuleInputSchema.safeParse(raw);
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
      const rule = await withDatabase(true, () => addAlertRule(raw, "cli"));
      const where = rule.channel === "webhook" ? `${rule.webhookUrl} as ${rule.webhookFormat}` : "in-app";
      console.log(`added alert rule ${rule.id}: ${rule.rule} → ${where}`);
    });

  alerts
    .command("list")
    .description("list the alert rules with their deliveries")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const rules = await withDatabase(true, () => listAlertRules());
      if (options.json) {
        console.log(JSON.stringify(rules, null, 2));
        return;
      }
      for (const r of rules) {
        const where = r.channel === "webhook" ? `webhook ${r.webhookUrl} (${r.webhookFormat})` : "in-app";
        const d = r.deliveries;
        console.log(`${String(r.id).padStart(3)} ${r.rule.padEnd(14)} ${where}${r.channel === "webhook" ? `: ${d.delivered} delivered, ${d.pending} pending, ${d.failed} failed` : ""}`);
      }
      console.log(`${rules.length} rule(s)`);
    });

  alerts
    .command("remove")
    .description("remove an alert rule")
    .argument("<id>")
    .action(async (id: string) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`${id}: a rule id is a number (see alerts list)`);
      await withDatabase(true, () => removeAlertRule(Number(id), "cli"));
      console.log(`removed alert rule ${id}`);
    });
}
