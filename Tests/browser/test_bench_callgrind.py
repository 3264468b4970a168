"""bench/callgrind.py finds the parse and render stages (issue 15's instructions per page).

Two ways it broke before: a stage function was renamed (SiteRenderer.render(reuse:…) became
plan + render(_:deliver:)), and callgrind_annotate pads percentages under 10 with a space,
which the line pattern did not allow, so every function under 10% was invisible. No browser
is needed; the names come from the debug binary the other tests build with.
"""

import subprocess
import sys

from conftest import REPO, SYLLABUS

sys.path.insert(0, str(REPO / "bench"))
import callgrind  # noqa: E402


def test_every_stage_pattern_matches_a_function_of_the_binary():
    names = [line.split()[-1] for line in
             subprocess.run(["nm", str(SYLLABUS)], capture_output=True, text=True, check=True).stdout.splitlines()
             if line.strip()]
    for stage, patterns in callgrind.STAGES.items():
        for pattern in patterns:
            matched = [n for n in names if callgrind.re.fullmatch(pattern, n)]
            assert matched, f"no symbol of {SYLLABUS.name} matches the {stage} pattern {pattern}"


def test_annotate_lines_under_ten_percent_count_and_a_stage_sums_its_functions():
    plan = "$s16SyllabusRenderer04SiteB0V4plan5reuse16deferSearchIndexAC4PlanVAC5ReuseVSg_SbtF"
    render = ("$s16SyllabusRenderer04SiteB0V6render_7deliverSay0A5Model10DiagnosticVGAC4PlanV_"
              "ySayAF10OutputFileVGKXEtKF")
    closure = render + "ySryAMSgGzXEfU_ySiXEfU_"
    parse = ("$s13SyllabusBuild8PipelineO5parse_5links8reserved5cacheSDySSGtFZ04$s13a6Build8C54O5"
             "buildyAA0B6ReportVFZySSXEfU0_Tf0nssn_nTf4nnd_n")
    index = "$s16SyllabusRenderer04SiteB0V15searchIndexFile0A5Model06OutputF0VyF"
    drop = "$s16SyllabusRenderer04SiteB0V14dropSearchTextyyF"
    annotated = "\n".join([
        f"3,011,374,772 (38.30%)  ???:{render} [/tmp/syllabus]",
        f"2,228,709,558 (28.35%)  ???:{closure} [/tmp/syllabus]",
        f"2,088,095,972 (26.56%)  ???:{parse} [/tmp/syllabus]",
        f"  480,112,003 ( 6.11%)  ???:{index} [/tmp/syllabus]",
        f"   38,487,198 ( 0.49%)  ???:{plan} [/tmp/syllabus]",
        f"   21,000,417 ( 0.27%)  ???:{drop} [/tmp/syllabus]",
    ])
    costs = callgrind.inclusive(annotated)
    assert costs[plan] == 38_487_198
    assert callgrind.stage_totals(costs) == {
        "parse": 2_088_095_972, "render": 3_011_374_772 + 38_487_198 + 480_112_003 + 21_000_417}
    # A stage with a function that matched nothing is left out rather than undercounted.
    assert "render" not in callgrind.stage_totals({k: v for k, v in costs.items() if k != drop})
