# The two commands of README.md. Each does its own set-up (bin/setup).
.PHONY: render test bench gallery

render:
	@bash bin/setup
	.venv/bin/paperkit render positions/*.yaml --allow themes --lang all --out out

test:
	@bash bin/setup --test
	.venv/bin/mypy
	.venv/bin/python -m pytest -q

bench:
	@bash bin/setup --bench
	.venv/bin/python bench/run.py $(if $(QUICK),--quick)

gallery:
	@bash bin/setup --test
	.venv/bin/python tools/gallery.py
