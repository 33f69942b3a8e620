#!/usr/bin/env python3
"""A realistic first week of SophMate activity, seeded, with mistakes planted at known places.

    scripts/generate-first-week.py --seed 7 --out sops/examples            # the bundled example
    scripts/generate-first-week.py --seed 3 --scale 2000 --out /tmp/week  # a large week for bench/

Writes OUT/first-week.csv (the activity export), OUT/roster.csv (wp user list
--fields=user_login,user_email,roles --format=csv) and, with --planted FILE, the findings
planted (code, user, plan) as JSON. The cast and policies are the bundled pack's (sops/).
--scale N repeats the ordinary days' work N times (more plans, more prompts), keeping the planted
mistakes as they are, so a large week still has exactly the planted findings. --malformed N adds
N broken rows; --jsonl writes JSON Lines instead of CSV. Same arguments, same bytes.
"""
import argparse
import csv
import io
import json
import random
from datetime import datetime, timedelta, timezone

CAST = [  # login, WordPress role, pack role
    ("priya.raman", "administrator", "site-admin"),
    ("tom.okafor", "shop_manager", "store-manager"),
    ("ana.silva", "contributor", "support-agent"),
    ("li.chen", "contributor", "support-agent"),
    ("marco.rossi", "author", "marketer"),
    ("erin.walsh", "editor", "editor"),
    ("sam.ibrahim", "administrator", "operations-lead"),
]
LOCAL = timezone(timedelta(hours=1))
START = datetime(2026, 11, 2, 8, 0, tzinfo=LOCAL)
CLEAN_PROMPTS = [
    "Which orders are still waiting for a refund decision?",
    "Summarise yesterday's failed deliveries by carrier.",
    "What does our returns policy say about opened items?",
    "Draft a friendly reply about a delayed parcel.",
    "List products whose descriptions mention organic cotton.",
    "Which Knowledge Base items were cited most this week?",
]
HEADER = ["time", "user", "event", "surface", "plan", "policy", "risk", "note", "text"]


class Week:
    def __init__(self, seed, scale):
        self.random = random.Random(seed)
        self.scale = scale
        self.rows = []
        self.planted = []
        self.plan_number = 0

    def row(self, when, user, event, surface="", plan="", policy="", risk="", note="", text=""):
        self.rows.append({"time": when, "user": user, "event": event, "surface": surface, "plan": plan,
                          "policy": policy, "risk": risk, "note": note, "text": text})

    def plan(self):
        self.plan_number += 1
        return f"plan-{self.plan_number:05d}"

    def moment(self, day, minute):
        return START + timedelta(days=day, minutes=minute)

    def ordinary_day(self, day):
        r = self.random
        for _ in range(self.scale):
            for login, _, role in CAST:
                for _ in range(r.randint(1, 3)):
                    self.row(self.moment(day, r.randint(0, 540)), login, "prompt", "copilot", text=r.choice(CLEAN_PROMPTS))
            # Support replies: drafted, approved by the store manager, sent.
            for agent in ("ana.silva", "li.chen"):
                plan = self.plan()
                t = r.randint(0, 480)
                self.row(self.moment(day, t), agent, "draft_edited", "support-drafts", plan, "support-replies", "low",
                         text="Thanks for your patience, your parcel left our warehouse today.")
                self.row(self.moment(day, t + 1), agent, "proposed", "support-drafts", plan, "support-replies", "low")
                self.row(self.moment(day, t + r.randint(5, 50)), "tom.okafor", "approved", "support-drafts", plan,
                         "support-replies", "low", note="Checked against the order history.")
                self.row(self.moment(day, t + 55), agent, "draft_sent", "support-drafts", plan, "support-replies", "low",
                         text="Thanks for your patience, your parcel left our warehouse today.")
            # A refund: proposed by support, approved by the store manager and the site admin, executed.
            plan = self.plan()
            t = r.randint(0, 400)
            self.row(self.moment(day, t), "ana.silva", "proposed", "approvals", plan, "refunds-and-coupons", "high")
            self.row(self.moment(day, t + r.randint(10, 90)), "tom.okafor", "approved", "approvals", plan, "refunds-and-coupons", "high")
            self.row(self.moment(day, t + r.randint(95, 140)), "priya.raman", "approved", "approvals", plan, "refunds-and-coupons", "high")
            self.row(self.moment(day, t + 150), "priya.raman", "executed", "approvals", plan, "refunds-and-coupons", "high")
            # Product copy: drafted by the marketer, approved by the editor.
            plan = self.plan()
            t = r.randint(0, 400)
            self.row(self.moment(day, t), "marco.rossi", "proposed", "product-copy", plan, "product-copy-publishing", "medium")
            self.row(self.moment(day, t + r.randint(20, 200)), "erin.walsh", "approved", "product-copy", plan, "product-copy-publishing", "medium")
            # A workflow run that fails once, is paused and escalated at once, then retried.
            if day in (1, 4):
                plan = self.plan()
                t = r.randint(0, 300)
                self.row(self.moment(day, t), "priya.raman", "failed", "workflows", plan, "enable-automation", "high")
                self.row(self.moment(day, t + 10), "sam.ibrahim", "paused", "workflows", plan, "enable-automation", "high")
                self.row(self.moment(day, t + 12), "sam.ibrahim", "escalated", "workflows", plan, "enable-automation", "high")
                self.row(self.moment(day, t + 90), "priya.raman", "retried", "workflows", plan, "enable-automation", "high")

    def plant(self, code, user, plan=""):
        self.planted.append({"code": code, "user": user, "plan": plan})

    def mistakes(self):
        # unsafe-prompt: a card number pasted into Copilot, an email address in a support draft.
        self.row(self.moment(0, 95), "ana.silva", "prompt", "copilot",
                 text="Customer says card 4111 1111 1111 1111 was charged twice, can we refund?")
        self.plant("unsafe-prompt", "ana.silva")
        self.row(self.moment(2, 130), "li.chen", "draft_edited", "support-drafts",
                 text="Hi, I have updated the address for jane.doe@example.net as requested.")
        self.plant("unsafe-prompt", "li.chen")
        # approval-outside-role: the marketer approves product copy (the role may only draft it).
        plan = self.plan()
        self.row(self.moment(1, 200), "erin.walsh", "proposed", "product-copy", plan, "product-copy-publishing", "medium")
        self.row(self.moment(1, 230), "marco.rossi", "approved", "product-copy", plan, "product-copy-publishing", "medium")
        self.plant("approval-outside-role", "marco.rossi", plan)
        # self-approval + missing-approvals: the store manager approves his own refund and it runs with one approval.
        plan = self.plan()
        self.row(self.moment(2, 60), "tom.okafor", "proposed", "approvals", plan, "refunds-and-coupons", "high")
        self.row(self.moment(2, 75), "tom.okafor", "approved", "approvals", plan, "refunds-and-coupons", "high")
        self.row(self.moment(2, 80), "priya.raman", "executed", "approvals", plan, "refunds-and-coupons", "high")
        self.plant("self-approval", "tom.okafor", plan)
        self.plant("missing-approvals", "priya.raman", plan)
        # unapproved-execution: a bulk approval run without anyone approving it.
        plan = self.plan()
        self.row(self.moment(3, 30), "sam.ibrahim", "proposed", "approvals", plan, "bulk-approvals", "high")
        self.row(self.moment(3, 45), "priya.raman", "executed", "approvals", plan, "bulk-approvals", "high")
        self.plant("unapproved-execution", "priya.raman", plan)
        # missing-context: three of Li's replies rejected for the same missing context.
        notes = ["No order number: which order is this about?", "Promised a refund amount without the order open.",
                 "Cites a Knowledge Base item that was retired."]
        for number, note in enumerate(notes):
            plan = self.plan()
            self.row(self.moment(1 + number, 300), "li.chen", "proposed", "support-drafts", plan, "support-replies", "low")
            self.row(self.moment(1 + number, 340), "tom.okafor", "rejected", "support-drafts", plan, "support-replies", "low", note=note)
        self.plant("missing-context", "li.chen")
        # late-escalation: a high-risk workflow failure retried four times, never paused nor escalated.
        plan = self.plan()
        self.row(self.moment(4, 100), "priya.raman", "failed", "workflows", plan, "enable-automation", "high")
        for number in range(4):
            self.row(self.moment(4, 130 + 30 * number), "priya.raman", "retried", "workflows", plan, "enable-automation", "high")
        self.plant("late-escalation", "priya.raman", plan)
        # untrained-surface: a support agent asks the Theme Assistant (no capability, no SOP for the role).
        self.row(self.moment(3, 200), "ana.silva", "prompt", "theme-assistant", text="Make the checkout button bigger.")
        self.plant("untrained-surface", "ana.silva")
        # unknown-user: a temporary login nobody put in the roster or people.yml.
        self.row(self.moment(5, 20), "temp.contractor", "prompt", "copilot", text="What plugins are installed?")
        self.plant("unknown-user", "temp.contractor")
        # Noise the reader must survive: a row exported twice, an event sopgen does not know, a row in UTC.
        self.rows.append(dict(self.rows[3]))
        self.row(self.moment(0, 5), "priya.raman", "user_login", "")
        self.rows.append({**self.rows[0], "time": self.rows[0]["time"].astimezone(timezone.utc), "event": "prompt"})

    def write(self, out, jsonl, malformed):
        self.rows.sort(key=lambda row: row["time"])
        for row in self.rows:
            row["time"] = row["time"].isoformat()
        if jsonl:
            lines = [json.dumps({k: v for k, v in row.items() if v != ""}, ensure_ascii=False) for row in self.rows]
            for number in range(malformed):
                lines.insert(1 + number * 7 % max(len(lines), 1), '{"time": "2026-11-03T10:00:00+01:00", "user": ')
            text = "\n".join(lines) + "\n"
            name = "first-week.jsonl"
        else:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(self.rows)
            lines = buffer.getvalue().split("\r\n")
            for number in range(malformed):
                lines.insert(2 + number * 7 % max(len(lines) - 2, 1), '2026-11-03T10:00:00+01:00,li.chen,prompt,copilot,,,,,"unclosed" quote')
            text = "\r\n".join(lines)
            name = "first-week.csv"
        with open(f"{out}/{name}", "w", encoding="utf-8", newline="") as file:
            file.write(text)
        with open(f"{out}/roster.csv", "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["user_login", "user_email", "roles"])
            for login, wordpress_role, _ in CAST:
                writer.writerow([login, f"{login}@harbour-vine.example", wordpress_role])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--planted")
    parser.add_argument("--malformed", type=int, default=0)
    parser.add_argument("--jsonl", action="store_true")
    arguments = parser.parse_args()
    week = Week(arguments.seed, arguments.scale)
    for day in range(7):
        week.ordinary_day(day)
    week.mistakes()
    week.write(arguments.out, arguments.jsonl, arguments.malformed)
    if arguments.planted:
        with open(arguments.planted, "w", encoding="utf-8") as file:
            json.dump(sorted(week.planted, key=lambda item: (item["code"], item["user"], item["plan"])), file, indent=2)
            file.write("\n")


if __name__ == "__main__":
    main()
