#!/usr/bin/env python3
"""Ratings of an inspection folder, computed the way an analyst would script it.

The benchmark runs this beside `casemark report --format json` on the same folder and compares
the time (and checks that both give the same score, overall rating and standard ratings).
Standard library only.

Usage: reference.py INSPECTION_FOLDER FRAMEWORK_FILE
Prints JSON: {"score", "overallRating", "standards": {number: {"computed", "rating"}}}.
"""
import json
import os
import sys


def applies(question, case):
    condition = question.get("applicability")
    if not condition:
        return True
    disposals = condition.get("disposals")
    if disposals is not None and case.get("disposal") not in disposals:
        return False
    for classification, levels in condition.get("excludeWhen", {}).items():
        if case.get(classification) in levels:
            return False
    return True


def band(bands, yes, applicable):
    # Bands are applied to the exact fraction: yes/applicable >= threshold/100.
    for entry in bands:
        if yes * 100 >= entry["atLeastPercent"] * applicable:
            return entry["rating"]
    return None


def main():
    folder, framework_path = sys.argv[1], sys.argv[2]
    with open(framework_path, encoding="utf-8") as handle:
        framework = json.load(handle)
    with open(os.path.join(folder, "inspection.json"), encoding="utf-8") as handle:
        inspection = json.load(handle)

    scores = {level["id"]: level["score"] for level in framework["ratingScale"]}
    order = [level["id"] for level in framework["ratingScale"]]  # best first
    case_questions = {}
    for domain in framework["domains"]:
        for standard in domain["standards"]:
            if standard["rated"] == "cases":
                for question in standard["keyQuestions"]:
                    case_questions.setdefault(domain["number"], []).append(question)

    counts = {}  # key question number -> [yes, applicable]
    cases_folder = os.path.join(folder, "cases")
    for name in os.listdir(cases_folder):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(cases_folder, name), encoding="utf-8") as handle:
            case = json.load(handle)
        answers = case.get("answers", {})
        for question in case_questions.get(case["domain"], []):
            tally = counts.setdefault(question["number"], [0, 0])
            if not applies(question, case):
                continue
            judgement = answers.get(question["number"], {}).get("judgement")
            if judgement == "yes":
                tally[0] += 1
                tally[1] += 1
            elif judgement == "no":
                tally[1] += 1

    standards = {}
    score = 0
    complete = True
    for domain in framework["domains"]:
        for standard in domain["standards"]:
            number = standard["number"]
            computed = None
            if standard["rated"] == "cases":
                worst = -1
                for question in standard["keyQuestions"]:
                    yes, applicable = counts.get(question["number"], [0, 0])
                    rating = band(framework["keyQuestionBands"], yes, applicable) if applicable else None
                    if rating is None:
                        worst = None
                        break
                    worst = max(worst, order.index(rating))
                computed = order[worst] if worst is not None and worst >= 0 else None
            else:
                computed = inspection.get("ratings", {}).get(number, {}).get("rating")
            final = inspection.get("discretion", {}).get(number, {}).get("rating", computed)
            standards[number] = {"computed": computed, "rating": final}
            if standard["core"]:
                if final is None:
                    complete = False
                else:
                    score += scores[final]

    overall = None
    if complete:
        for entry in framework["overallBands"]:
            if score >= entry["minScore"]:
                overall = entry["rating"]
                break
        for rule in framework.get("limitingRules", []):
            if standards.get(rule["standard"], {}).get("rating") == rule["whenRating"]:
                if order.index(overall) < order.index(rule["overallAtMost"]):
                    overall = rule["overallAtMost"]
    json.dump({"score": score if complete else None, "overallRating": overall, "standards": standards}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
