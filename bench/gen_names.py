#!/usr/bin/python3
"""Deterministic list of fictional Chinese personal names for the `bangfu names
sort` benchmark: common surnames (weighted roughly by how common they are, a few
compound ones among them) and one or two given-name characters drawn from those
used in names. The same N and seed always give the same bytes.

Usage: gen_names.py N OUT.txt [--seed S]   (one name per line, UTF-8)
"""
import random
import sys

# Common surnames, most frequent first; the weight falls off with the rank.
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "单仇区查朴盖艾卜解葛华乔柴祝翟")
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "尉迟", "皇甫", "东方", "令狐"]
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉力鹏飞宇浩波斌玉萍红燕丹玲凤"
    "志晨欣怡佳琪俊峰海林云龙晓婷颖雪梅春秋冬东南北新宏亮光荣德福祥瑞安康宁泽源鑫磊振兴学成"
    "一二三丁卜乙子小山川大")


def generate(n, seed=20240521):
    rng = random.Random(seed)
    weights = [1.0 / (i + 8) for i in range(len(SURNAMES))]
    names = []
    for _ in range(n):
        surname = rng.choice(COMPOUND) if rng.random() < 0.01 else rng.choices(SURNAMES, weights)[0]
        given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
        names.append(surname + given)
    return names


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 20240521
    with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
        for name in generate(int(argv[1]), seed):
            f.write(name + "\n")


if __name__ == "__main__":
    main(sys.argv)
