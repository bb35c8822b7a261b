"""python -m nlp cluster FILE: one JSON object with the documented schema."""

import csv
import json

import pytest

from nlp.cli_cluster import main


def _write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def _check_schema(out, n):
    assert set(out) == {"pipeline", "n_inputs", "themes", "assignments"}
    assert isinstance(out["pipeline"], str) and out["n_inputs"] == n
    assert len(out["assignments"]) == n
    ids = {t["id"] for t in out["themes"]}
    for theme in out["themes"]:
        assert set(theme) == {
            "id", "label", "keywords", "size", "representatives", "description", "near_copies"
        }
        assert isinstance(theme["label"], str) and isinstance(theme["keywords"], list)
        assert isinstance(theme["description"], str) and theme["description"]
        assert isinstance(theme["near_copies"], int) and 0 <= theme["near_copies"] <= theme["size"]
    assert all(a is None or a in ids for a in out["assignments"])


def test_cluster_jsonl(tmp_path, capsys, theme_answers):
    path = _write_jsonl(tmp_path / "in.jsonl", theme_answers)
    assert main([str(path), "--seed", "1"]) == 0
    _check_schema(json.loads(capsys.readouterr().out), 60)


def test_cluster_csv_with_text_field_and_fixed_k(tmp_path, capsys, theme_answers):
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["antwoord", "label"])
        writer.writeheader()
        writer.writerows({"antwoord": r["text"], "label": r["label"]} for r in theme_answers)
    args = [str(path), "--text-field", "antwoord", "--k", "4"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    _check_schema(out, 60)
    assert len(out["themes"]) <= 4


def test_missing_field_and_empty_file(tmp_path, capsys, theme_answers):
    path = _write_jsonl(tmp_path / "in.jsonl", [{"other": "x"}, {"text": "Schulden"}])
    assert main([str(path)]) == 0
    _check_schema(json.loads(capsys.readouterr().out), 2)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main([str(empty)]) == 0
    _check_schema(json.loads(capsys.readouterr().out), 0)


@pytest.mark.parametrize("bad", ["zero", "-3"])
def test_bad_k_is_refused(tmp_path, bad, theme_answers):
    path = _write_jsonl(tmp_path / "in.jsonl", theme_answers[:3])
    assert main([str(path), "--k", bad]) == 2


def test_progress_is_one_bar_per_phase(tmp_path, capsys, monkeypatch, theme_answers):
    from nlp import cli_cluster

    monkeypatch.setattr(cli_cluster, "PROGRESS_MIN", 10)
    path = _write_jsonl(tmp_path / "in.jsonl", theme_answers)
    assert main([str(path), "--seed", "1"]) == 0
    err = capsys.readouterr().err
    for phase in ("parse", "embed", "cluster"):
        assert err.count(f"{phase}:   0%") == 1, err
        assert f"{phase}: 100%" in err
