"""Basis references and small helpers shared by several checks."""

from __future__ import annotations

from .rule import Basis

REGULATION = "中华人民共和国政府信息公开条例"
INDICATORS_2019 = "政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）"
GUIDELINE_2017 = "政府网站发展指引（国办发〔2017〕47号）"


def basis(document: str, article: str = "", catalogue: str = "") -> Basis:
    return Basis(document=document, article=article, catalogue=catalogue)
